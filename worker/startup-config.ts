import type { Env } from "../platform/env.ts";
import { authMode } from "./auth/auth-mode.ts";
import { externalAuthConfig } from "./auth/external-identity.ts";
import { assertRateLimitConfig } from "./rate-limit/limits.ts";

/** Settings without which the platform must not start. Throws with a message naming them. */
export function assertStartupConfig(env: Env): void {
  if (env.SECOND_AUTH_MODE && env.SECOND_AUTH_MODE !== "none" && env.SECOND_AUTH_MODE !== "external") {
    throw new Error(`SECOND_AUTH_MODE must be "none" or "external", not "${env.SECOND_AUTH_MODE}".`);
  }
  if (authMode(env) === "external") externalAuthConfig(env);
  assertRateLimitConfig(env);
}
