import { routeShape } from "./route-shape.ts";
import type { AnalyticsProperties } from "./analytics.ts";

/** Keys that identify someone or something, stripped in anonymized mode. */
const IDENTIFYING_KEY = /(^|_)(user|workspace|app|run|agent|prompt|message|error|suggestion|url|referrer|email|name|id|ids)$|_(id|ids|email|name|names)$/;
const IDENTIFYING_VALUE = /\S+@\S+\.\S+|https?:\/\/|\b(usr|ws|app|run|team|inv|mem|snap|msg|aud)_[0-9a-z]{10,}\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Free text (anything with whitespace) is never an outcome or a count: anonymized events drop it. */
const FREE_TEXT = /\s/;

/**
 * The properties PostHog may receive: snake_case keys only, strings cut to 200 characters, the route
 * shape reduced again, and in anonymized mode nothing that names or identifies anyone or anything.
 */
export function sanitizeProperties(properties: AnalyticsProperties, anonymized: boolean): AnalyticsProperties {
  const clean: AnalyticsProperties = {};
  for (const [key, raw] of Object.entries(properties)) {
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(key) || key.startsWith("$")) continue;
    let value: AnalyticsProperties[string] = typeof raw === "string" ? raw.slice(0, 200) : raw;
    if (key === "route_shape" && typeof value === "string") value = routeShape(value);
    if (anonymized && (IDENTIFYING_KEY.test(key) || (typeof value === "string" && key !== "route_shape" && (IDENTIFYING_VALUE.test(value) || FREE_TEXT.test(value))))) continue;
    clean[key] = value;
  }
  return clean;
}
