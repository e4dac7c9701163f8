import type { Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Env } from "../env.ts";
import { log } from "../http/log.ts";

export const SESSION_COOKIE = "second_session";
const MAX_AGE_SECONDS = 30 * 24 * 3600;

let processSecret: string | null = null;

/** SECOND_NO_AUTH_SESSION_SECRET when it is long enough; otherwise one random secret per process. */
export function sessionSecret(env: Env): string {
  const configured = env.SECOND_NO_AUTH_SESSION_SECRET;
  if (configured && configured.length >= 32) return configured;
  if (!processSecret) {
    processSecret = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
    log("warn", configured ? "SECOND_NO_AUTH_SESSION_SECRET is shorter than 32 characters; using a per-process secret" : "SECOND_NO_AUTH_SESSION_SECRET is not set; sessions end when this process restarts");
  }
  return processSecret;
}

export async function readSession(c: Context<AppEnv>): Promise<string | null> {
  const value = await getSignedCookie(c, sessionSecret(c.env), SESSION_COOKIE);
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function writeSession(c: Context<AppEnv>, userId: string): Promise<void> {
  await setSignedCookie(c, SESSION_COOKIE, userId, sessionSecret(c.env), {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: new URL(c.req.url).protocol === "https:",
    maxAge: MAX_AGE_SECONDS,
  });
}

export function clearSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}
