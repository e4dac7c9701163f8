import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf, requireActor } from "../auth/actor.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { UsersRepository } from "../../platform/repositories/users.ts";
import { captureBodySchema, usageDataSchema, type UsageDataState } from "../../shared/api/analytics.ts";
import { analyticsTarget, capturePayload, identifyPayload, sendToPostHog } from "../../platform/analytics/analytics.ts";
import { log } from "../../platform/log.ts";

/** Forwarding happens after the response; a PostHog outage never slows or fails the product. */
function forward(c: { executionCtx: { waitUntil(promise: Promise<unknown>): void } }, host: string, payload: object) {
  c.executionCtx.waitUntil(
    sendToPostHog(host, payload).then(
      (response) => {
        if (!response.ok) log("warn", "analytics forward refused", { status: response.status });
      },
      (error: unknown) => log("warn", "analytics forward failed", { error: error instanceof Error ? error.message : String(error) }),
    ),
  );
}

/** POST /api/analytics/capture: allowlisted, sanitized, anonymized unless the user opted out. */
export const analyticsRoutes = new Hono<AppEnv>().use("*", requireActor).post("/capture", jsonBody(captureBodySchema), async (c) => {
  const actor = actorOf(c);
  const body = c.req.valid("json");
  if ((await new MembershipsRepository(c.env).listForUser(actor._id)).length === 0) {
    throw new ApiError("workspace_required", "Analytics start after onboarding: create or join a workspace first.");
  }
  const target = analyticsTarget(c.env);
  if ("disabled" in target) return c.json({ forwarded: false, reason: target.disabled });
  forward(c, target.host, capturePayload(c.env, target.token, body, actor));
  return c.json({ forwarded: true }, 202);
});

/** GET/PATCH /api/me/usage-data: the person's analytics mode. Turning anonymization off identifies them from then on. */
export const usageDataRoutes = new Hono<AppEnv>()
  .use("*", requireActor)
  .get("/", (c) => c.json({ anonymized: actorOf(c).analyticsAnonymized !== false, collecting: !("disabled" in analyticsTarget(c.env)) } satisfies UsageDataState))
  .patch("/", jsonBody(usageDataSchema), async (c) => {
    const actor = actorOf(c);
    const body = c.req.valid("json");
    const user = await new UsersRepository(c.env).setAnalyticsAnonymized(actor._id, body.anonymized);
    const target = analyticsTarget(c.env);
    if (!body.anonymized && actor.analyticsAnonymized !== false && !("disabled" in target)) forward(c, target.host, identifyPayload(target.token, user!));
    return c.json({ anonymized: body.anonymized, collecting: !("disabled" in target) } satisfies UsageDataState);
  });
