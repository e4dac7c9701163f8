import type { Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Env } from "../../platform/env.ts";
import { log } from "../../platform/log.ts";

export const SESSION_COOKIE = "second_session";
const MAX_AGE_SECONDS = 30 * 24 * 3600;

let processSecret: string | null = null;

/** SECOND_NO_AUTH_SESSION_SECRET when it is long enough; otherwise one random secret per process. */
export function sessionSecret(env: Env): string {
  const configured = env.SECOND_NO_AUTH_SESSION_SECRET;
  if (configured && configured.length >= 32) return configured;
  if (!processSecret) {
    processSecret = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
    log(
      "warn",
      configured
        ? "SECOND_NO_AUTH_SESSION_SECRET is shorter than 32 characters; using a per-process secret"
        : "SECOND_NO_AUTH_SESSION_SECRET is not set; sessions end when this process restarts",
    );
  }
  return processSecret;
}

/** Whose session, and which of their session versions it was issued under. */
export interface SessionClaim {
  userId: string;
  version: number;
}

const CLAIM = /^([A-Za-z0-9_-]{1,64}):(\d{1,9})$/;

/**
 * The signed cookie's claim, or null. A cookie without a version (issued before sessions were
 * versioned) is refused like a forged one: its holder signs in again.
 */
export async function readSession(c: Context<AppEnv>): Promise<SessionClaim | null> {
  const value = await getSignedCookie(c, sessionSecret(c.env), SESSION_COOKIE);
  const match = typeof value === "string" ? CLAIM.exec(value) : null;
  return match ? { userId: match[1]!, version: Number(match[2]) } : null;
}

/** Issues the cookie under the user's current session version; bumping the version ends it. */
export async function writeSession(c: Context<AppEnv>, claim: SessionClaim): Promise<void> {
  await setSignedCookie(c, SESSION_COOKIE, `${claim.userId}:${claim.version}`, sessionSecret(c.env), {
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
