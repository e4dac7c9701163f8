import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-types.ts";
import { ApiError } from "../../platform/api-error.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Requests a browser may send on another site's behalf with our cookies attached must come from
 * the platform's own origin: state changes (CSRF) and WebSocket upgrades, which no CORS rule
 * protects (cross-site WebSocket hijacking would read a live feed). Any cookie counts, not only the
 * session cookie: behind Cloudflare Access the browser's CF_Authorization cookie is the credential.
 * Browsers always send Origin on upgrades and cross-origin writes; other clients send no cookie of
 * ours unless they were given one.
 */
export const sameOriginWrites = createMiddleware<AppEnv>(async (c, next) => {
  const hasCookie = c.req.header("cookie") !== undefined;
  const own = new URL(c.req.url).origin;
  const origin = c.req.header("origin");
  if (c.req.header("upgrade")?.toLowerCase() === "websocket") {
    if (origin === undefined ? hasCookie : origin !== own) {
      throw new ApiError("forbidden", "WebSocket connections are accepted only from the platform's own pages.");
    }
  } else if (!SAFE.has(c.req.method) && hasCookie) {
    const site = c.req.header("sec-fetch-site");
    const crossOrigin = (origin !== undefined && origin !== own) || (site !== undefined && site !== "same-origin" && site !== "none");
    if (crossOrigin) throw new ApiError("forbidden", "Cross-origin requests with a session cookie are refused.");
  }
  await next();
});
