import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./http/app-types.ts";
import { accessLog } from "./http/access-log.ts";
import { limitBody, requireJsonBody } from "./http/body-guards.ts";
import { onError, onNotFound } from "./http/error-handler.ts";
import { healthRoutes } from "./routes/health.ts";
import { sameOriginWrites } from "./http/same-origin.ts";
import { allowedHost } from "./http/allowed-host.ts";
import { resolveActor } from "./auth/actor.ts";
import { idempotency } from "./http/idempotency.ts";
import { accountRateLimits } from "./rate-limit/middleware.ts";
import { authRoutes } from "./routes/auth.ts";
import { meRoutes } from "./routes/me.ts";
import { workspaceRoutes } from "./routes/workspaces.ts";
import { invitationAcceptRoutes } from "./routes/invitations.ts";
import { internalRoutes } from "./routes/internal.ts";
import { publishedAppRoutes } from "./routes/published-app.ts";
import { analyticsRoutes, usageDataRoutes } from "./routes/analytics.ts";
import { builderModelRoutes } from "./routes/builder-models.ts";
import { oauthRoutes } from "./routes/oauth.ts";
import { connectionRoutes } from "./routes/connections.ts";

/** The HTTP surface (docs/http-api.md): middleware first, then one router per resource. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.use("*", requestId({ headerName: "X-Request-Id" }));
  app.use("*", allowedHost);
  app.use("/api/*", accessLog, limitBody, requireJsonBody, sameOriginWrites);
  app.route("/api/health", healthRoutes);
  app.use("/api/*", resolveActor, accountRateLimits);
  app.use("/api/workspaces/*", idempotency);
  app.route("/api/auth", authRoutes);
  app.route("/api/me/usage-data", usageDataRoutes);
  app.route("/api/me/connections", connectionRoutes);
  app.route("/api/me", meRoutes);
  app.route("/api/analytics", analyticsRoutes);
  app.route("/api/builder-models", builderModelRoutes);
  app.route("/api/workspaces", workspaceRoutes);
  app.route("/api/invitations", invitationAcceptRoutes);
  app.route("/api/oauth", oauthRoutes);
  app.route("/api/internal", internalRoutes);
  app.use("/a/*", accessLog);
  app.route("/a", publishedAppRoutes);
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}
