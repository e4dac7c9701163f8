import type { Env } from "../platform/env.ts";
import { authMode } from "./auth/auth-mode.ts";
import { externalAuthConfig } from "./auth/external-identity.ts";
import { assertRateLimitConfig } from "./rate-limit/limits.ts";
import { isProduction } from "./deployment.ts";
import { encryptionKeyProblem } from "./integrations/secret-box.ts";
import { devToolOriginProblem } from "./integrations/dev-tool-origin.ts";

/** Integration secrets need a stable key in production; the loopback tool origin is for development only. */
function assertIntegrationConfig(env: Env): void {
  const key = env.SECOND_TOKEN_ENCRYPTION_KEY;
  if (key) {
    const problem = encryptionKeyProblem(key);
    if (problem) throw new Error(problem);
  } else if (isProduction(env)) {
    throw new Error("SECOND_TOKEN_ENCRYPTION_KEY is not set: production needs it to keep integration secrets (`openssl rand -base64 32`, then `wrangler secret put`).");
  }
  const origin = env.SECOND_DEV_TOOL_ORIGIN;
  if (!origin) return;
  if (isProduction(env)) throw new Error("SECOND_DEV_TOOL_ORIGIN is set, but it is for development only: production refuses to start with it.");
  const problem = devToolOriginProblem(origin);
  if (problem) throw new Error(problem);
}

/** Settings without which the platform must not start. Throws with a message naming them. */
export function assertStartupConfig(env: Env): void {
  if (env.SECOND_AUTH_MODE && env.SECOND_AUTH_MODE !== "none" && env.SECOND_AUTH_MODE !== "external") {
    throw new Error(`SECOND_AUTH_MODE must be "none" or "external", not "${env.SECOND_AUTH_MODE}".`);
  }
  if (authMode(env) === "external") externalAuthConfig(env);
  assertRateLimitConfig(env);
  assertIntegrationConfig(env);
}
