import type { Env } from "../../platform/env.ts";
import { isProduction } from "../deployment.ts";

/** Why SECOND_DEV_TOOL_ORIGIN is unusable, or null when it is one exact http://127.0.0.1:PORT origin. */
export function devToolOriginProblem(value: string): string | null {
  const match = /^http:\/\/127\.0\.0\.1:(\d{1,5})$/.exec(value);
  const port = match ? Number(match[1]) : 0;
  if (!match || port < 1 || port > 65535) return `SECOND_DEV_TOOL_ORIGIN must be exactly http://127.0.0.1:PORT (no path, no other host), not "${value}".`;
  return null;
}

/** The one plain-http loopback origin tools may call in development, or null (always null in production). */
export function devToolOrigin(env: Env): string | null {
  const value = env.SECOND_DEV_TOOL_ORIGIN;
  if (!value || isProduction(env) || devToolOriginProblem(value)) return null;
  return value;
}
