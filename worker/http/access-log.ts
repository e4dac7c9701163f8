import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-types.ts";
import { type LogLevel, log } from "../../platform/log.ts";

/** A request slower than this is worth a line at the default level. */
const SLOW_MS = 1000;

/**
 * One line per request, at a level that follows what it says (docs/decisions/0034): a 5xx is an
 * error, a slow request a warning, everything else debug. Workers' invocation logs (and wrangler
 * dev's request lines locally) already record every request; a line per success at info cost a
 * serialized console call per write on the hot path and said nothing new.
 */
export const accessLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  const ms = Date.now() - started;
  const level: LogLevel = c.res.status >= 500 ? "error" : ms >= SLOW_MS ? "warn" : "debug";
  log(level, "request", { requestId: c.var.requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms });
});
