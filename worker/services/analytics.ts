import type { Env } from "../../platform/env.ts";
import type { UserDoc } from "../../platform/repositories/users.ts";
import type { CaptureBody } from "../../shared/api/analytics.ts";
import { VERSION } from "../version.ts";
import { routeShape } from "../../shared/api/route-shape.ts";

export { routeShape };

const DEFAULT_HOST = "https://us.i.posthog.com";
type Value = string | number | boolean | null;

/** Keys that identify someone or something, stripped in anonymized mode. */
const IDENTIFYING_KEY = /(^|_)(user|workspace|app|run|agent|prompt|message|error|suggestion|url|referrer|email|name|id|ids)$|_(id|ids|email|name|names)$/;
const IDENTIFYING_VALUE = /\S+@\S+\.\S+|https?:\/\/|\b(usr|ws|app|run|team|inv|mem|snap|msg|aud)_[0-9a-z]{10,}\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export function sanitizeProperties(properties: Record<string, Value>, anonymized: boolean): Record<string, Value> {
  const clean: Record<string, Value> = {};
  for (const [key, raw] of Object.entries(properties)) {
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(key) || key.startsWith("$")) continue;
    let value: Value = typeof raw === "string" ? raw.slice(0, 200) : raw;
    if (key === "route_shape" && typeof value === "string") value = routeShape(value);
    if (anonymized && (IDENTIFYING_KEY.test(key) || (typeof value === "string" && key !== "route_shape" && IDENTIFYING_VALUE.test(value)))) continue;
    clean[key] = value;
  }
  return clean;
}

export type AnalyticsTarget = { host: string; token: string } | { disabled: string };

export function analyticsTarget(env: Env): AnalyticsTarget {
  if (env.SECOND_POSTHOG_DISABLED === "1" || env.SECOND_TELEMETRY_DISABLED === "1") return { disabled: "analytics are disabled on this deployment" };
  if (!env.SECOND_POSTHOG_TOKEN) return { disabled: "no PostHog project token is configured (SECOND_POSTHOG_TOKEN)" };
  return { host: env.SECOND_POSTHOG_HOST ?? DEFAULT_HOST, token: env.SECOND_POSTHOG_TOKEN };
}

/** The PostHog capture payload: anonymized events carry the browser's anon id and no person. */
export function capturePayload(env: Env, token: string, body: CaptureBody, user: UserDoc) {
  const anonymized = user.analyticsAnonymized !== false;
  const properties: Record<string, Value> = {
    ...sanitizeProperties(body.properties, anonymized),
    release_version: env.SECOND_VERSION ?? VERSION,
    release_package: "second-on-the-edge",
    release_runtime: "cloudflare-workers",
    cli_launcher_version: env.SECOND_CLI_LAUNCHER_VERSION ?? null,
    cli_launcher_package: env.SECOND_CLI_LAUNCHER_PACKAGE ?? null,
  };
  if (anonymized) properties.$process_person_profile = false;
  return { api_key: token, event: body.event, distinct_id: anonymized ? body.anonymousId : user._id, properties, timestamp: new Date().toISOString() };
}

export function identifyPayload(token: string, user: UserDoc) {
  return { api_key: token, event: "$identify", distinct_id: user._id, properties: { $set: { email: user.email, name: user.displayName } }, timestamp: new Date().toISOString() };
}

export function sendToPostHog(host: string, payload: object): Promise<Response> {
  return fetch(`${host.replace(/\/$/, "")}/capture/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
}
