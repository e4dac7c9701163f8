import { createMiddleware } from "hono/factory";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "./app-types.ts";
import { ApiError } from "./api-error.ts";
import { SESSION_COOKIE } from "../auth/session-cookie.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request that carries the session cookie must come from the platform's own
 * origin. Browsers always send Origin (or Sec-Fetch-Site) on such requests; other clients send no
 * cookie of ours unless they were given one.
 */
export const sameOriginWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE.has(c.req.method) && getCookie(c, SESSION_COOKIE) !== undefined) {
    const own = new URL(c.req.url).origin;
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site");
    const crossOrigin = (origin !== undefined && origin !== own) || (site !== undefined && site !== "same-origin" && site !== "none");
    if (crossOrigin) throw new ApiError("forbidden", "Cross-origin requests with a session cookie are refused.");
  }
  await next();
});
