import type { Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { deleteCookie, getCookie, setSignedCookie } from "hono/cookie";
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

/** HMAC keys by secret, imported once per isolate: importing one cost more than the rest of a cached request's checks. */
const hmacKeys = new Map<string, Promise<CryptoKey>>();
const HMAC = { name: "HMAC", hash: "SHA-256" } as const;
const encoder = new TextEncoder();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), HMAC, false, ["verify"]);
    hmacKeys.set(secret, key);
  }
  return key;
}

/**
 * The value of a cookie written by Hono's `setSignedCookie` (`<value>.<base64 HMAC-SHA256>`), when its
 * signature verifies; null otherwise. Hono's `getSignedCookie` reads the same format but imports the
 * key on every call.
 */
async function verifiedCookie(c: Context<AppEnv>, name: string, secret: string): Promise<string | null> {
  const signed = getCookie(c, name);
  const dot = signed?.lastIndexOf(".") ?? -1;
  if (!signed || dot < 0) return null;
  const value = signed.slice(0, dot);
  const signature = signed.slice(dot + 1);
  if (!/^[A-Za-z0-9+/]{43}=$/.test(signature)) return null;
  const bytes = Uint8Array.from(atob(signature), (char) => char.charCodeAt(0));
  return (await crypto.subtle.verify(HMAC, await hmacKey(secret), bytes, encoder.encode(value))) ? value : null;
}

/**
 * The signed cookie's claim, or null. A cookie without a version (issued before sessions were
 * versioned) is refused like a forged one: its holder signs in again.
 */
export async function readSession(c: Context<AppEnv>): Promise<SessionClaim | null> {
  const value = await verifiedCookie(c, SESSION_COOKIE, sessionSecret(c.env));
  const match = value === null ? null : CLAIM.exec(value);
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
