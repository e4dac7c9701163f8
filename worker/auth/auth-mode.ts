import type { Env } from "../../platform/env.ts";

export type AuthMode = "none" | "external";

export function authMode(env: Env): AuthMode {
  return env.SECOND_AUTH_MODE === "external" ? "external" : "none";
}
