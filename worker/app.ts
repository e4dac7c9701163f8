import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./http/app-types.ts";
import { accessLog } from "./http/access-log.ts";
import { limitBody, requireJsonBody } from "./http/body-guards.ts";
import { onError, onNotFound } from "./http/error-handler.ts";
import { healthRoutes } from "./routes/health.ts";

/** The HTTP surface of API.md: middleware first, then one router per resource. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.use("*", requestId({ headerName: "X-Request-Id" }));
  app.use("/api/*", accessLog, limitBody, requireJsonBody);
  app.route("/api/health", healthRoutes);
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}
