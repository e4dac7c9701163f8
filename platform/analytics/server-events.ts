import type { Env } from "../env.ts";
import { UsersRepository } from "../repositories/users.ts";
import { analyticsTarget, capturePayload, sendToPostHog } from "./analytics.ts";
import { log } from "../log.ts";
import type { AnalyticsEvent, AnalyticsProperties } from "../../shared/api/analytics.ts";

/**
 * Sends an event the server knows the outcome of (a builder turn, an app agent run) on behalf of the
 * person it is charged to, through the same sanitizer and anonymization as the browser's events.
 * An anonymized person's server event gets an anonymous id of its own: the server never holds the
 * browser's id, and linking the two would weaken the anonymized setting.
 */
export async function captureServerEvent(env: Env, userId: string, event: AnalyticsEvent, properties: AnalyticsProperties): Promise<void> {
  const target = analyticsTarget(env);
  if ("disabled" in target) return;
  const user = await new UsersRepository(env).byId(userId);
  if (!user) return;
  const body = { event, anonymousId: `anon_${crypto.randomUUID()}`, properties: { source: "server", ...properties } };
  const response = await sendToPostHog(target.host, capturePayload(env, target.token, body, user));
  if (!response.ok) log("warn", "analytics forward refused", { event, status: response.status });
}

/** For a Durable Object's waitUntil: analytics never fail or slow the work they describe. */
export function serverEventTask(env: Env, userId: string, event: AnalyticsEvent, properties: AnalyticsProperties): Promise<void> {
  return captureServerEvent(env, userId, event, properties).catch((error: unknown) =>
    log("warn", "analytics forward failed", { event, error: error instanceof Error ? error.message : String(error) }),
  );
}
