import { bridgeApi } from "../api/client.ts";
import { ANONYMOUS_ID_KEY, type ANALYTICS_EVENTS } from "../../../shared/api/analytics.ts";
import { routeShape } from "../../../shared/api/route-shape.ts";

type AnalyticsEvent = (typeof ANALYTICS_EVENTS)[number];
type Properties = Record<string, string | number | boolean | null>;

/** One stable anonymous id per browser (product analytics), dropped on sign-out. */
export function anonymousId(): string {
  const existing = localStorage.getItem(ANONYMOUS_ID_KEY);
  if (existing) return existing;
  const id = `anon_${crypto.randomUUID()}`;
  localStorage.setItem(ANONYMOUS_ID_KEY, id);
  return id;
}

export function resetAnonymousId(): void {
  localStorage.removeItem(ANONYMOUS_ID_KEY);
}

function surface(path: string): string {
  if (/\/apps\//.test(path)) return "app_chat";
  if (/\/settings/.test(path)) return "settings";
  if (/\/audit/.test(path)) return "audit_log";
  if (/^\/w\/[^/]+\/?$/.test(path)) return "workspace_home";
  return "other";
}

/**
 * Sends a product analytics event to the platform (never to PostHog directly). The server
 * allowlists, sanitizes and anonymizes; the page context sent here carries no ids: the route shape
 * is computed here and reduced again on the server.
 */
export function capture(event: AnalyticsEvent, properties: Properties = {}): void {
  const path = location.pathname;
  const body = {
    event,
    anonymousId: anonymousId(),
    properties: { surface: surface(path), route_shape: routeShape(path), viewport_width: innerWidth, viewport_height: innerHeight, ...properties },
  };
  // keepalive: the event still goes out when it was the last thing a closing page did.
  void bridgeApi.analytics.capture.$post({ json: body }, { init: { keepalive: true } }).catch((error: unknown) => console.warn("analytics not sent", error));
}
