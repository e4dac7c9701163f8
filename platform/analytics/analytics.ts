import type { Env } from "../env.ts";
import type { UserDoc } from "../repositories/users.ts";
import type { CaptureBody } from "../../shared/api/analytics.ts";
import { VERSION } from "../version.ts";
import { routeShape } from "../../shared/api/route-shape.ts";
import { sanitizeProperties } from "../../shared/api/analytics-sanitize.ts";

export { routeShape, sanitizeProperties };

const DEFAULT_HOST = "https://us.i.posthog.com";
type Value = string | number | boolean | null;

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
