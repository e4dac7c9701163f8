import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError } from "../http/api-error.ts";

function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

/** /api/internal/*: INTERNAL_API_TOKEN as a bearer token, and nothing else (never a cookie). */
export const requireInternalToken = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.INTERNAL_API_TOKEN;
  if (!expected) throw new ApiError("identity_required", "Internal endpoints are disabled: INTERNAL_API_TOKEN is not configured.");
  const header = c.req.header("authorization") ?? "";
  const token = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
  if (!token || !constantTimeEqual(token, expected)) throw new ApiError("identity_required", "A valid internal bearer token is required.");
  await next();
});
