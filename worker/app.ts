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

/**
 * The HTTP surface (docs/http-api.md): middleware first, then one router per resource. One chain, so
 * every route's input and output types add up to `AppType`, which the `hc` clients are typed with.
 */
export function createApp() {
  const app = new Hono<AppEnv>()
    .use("*", requestId({ headerName: "X-Request-Id" }))
    .use("*", allowedHost)
    .use("/api/*", accessLog, limitBody, requireJsonBody, sameOriginWrites)
    .route("/api/health", healthRoutes)
    .use("/api/*", resolveActor, accountRateLimits)
    .use("/api/workspaces/*", idempotency)
    .route("/api/auth", authRoutes)
    .route("/api/me/usage-data", usageDataRoutes)
    .route("/api/me/connections", connectionRoutes)
    .route("/api/me", meRoutes)
    .route("/api/analytics", analyticsRoutes)
    .route("/api/builder-models", builderModelRoutes)
    .route("/api/workspaces", workspaceRoutes)
    .route("/api/invitations", invitationAcceptRoutes)
    .route("/api/oauth", oauthRoutes)
    .route("/api/internal", internalRoutes)
    .use("/a/*", accessLog)
    .route("/a", publishedAppRoutes);
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}

/** The Worker's HTTP contract as a type: `hc<AppType>(...)` is a typed client of every route. */
export type AppType = ReturnType<typeof createApp>;
