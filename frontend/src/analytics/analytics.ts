import { bridgeApi, ok } from "../api/client.ts";
import { ANONYMOUS_ID_KEY, usageDataStateSchema, type AnalyticsEvent, type AnalyticsProperties } from "../../../shared/api/analytics.ts";
import { routeShape } from "../../../shared/api/route-shape.ts";

/** One stable anonymous id per browser (product analytics), dropped on sign-out. */
export function anonymousId(): string {
  const existing = localStorage.getItem(ANONYMOUS_ID_KEY);
  if (existing) return existing;
  const id = `anon_${crypto.randomUUID()}`;
  localStorage.setItem(ANONYMOUS_ID_KEY, id);
  return id;
}

/** Sign-out: a new anonymous id for whoever signs in next, and the deployment's setting asked again. */
export function resetAnonymousId(): void {
  localStorage.removeItem(ANONYMOUS_ID_KEY);
  collecting = null;
}

/** The page area an event happened in, from the route (no ids: they never leave as part of it). */
export function surface(path: string): string {
  if (path.startsWith("/onboarding")) return "onboarding";
  if (/^\/w\/[^/]+\/apps\//.test(path)) return "app_chat";
  if (/^\/w\/[^/]+\/settings/.test(path)) return "settings";
  if (/^\/w\/[^/]+\/audit/.test(path)) return "audit_log";
  if (/^\/w\/[^/]+\/usage/.test(path)) return "usage";
  if (/^\/w\/[^/]+\/reviews/.test(path)) return "reviews";
  if (/^\/w\/[^/]+\/?$/.test(path)) return "workspace_home";
  return "other";
}

/**
 * Whether this deployment collects analytics (off with --disable-telemetry or without a token),
 * asked once per page load; when it does not, nothing is sent.
 */
let collecting: Promise<boolean> | null = null;
function collectingNow(): Promise<boolean> {
  collecting ??= ok(bridgeApi.me["usage-data"].$get())
    .then((state) => usageDataStateSchema.parse(state).collecting)
    .catch(() => false);
  return collecting;
}

/**
 * Sends a product analytics event to the platform (never to PostHog directly). The server
 * allowlists, sanitizes and anonymizes; the page context sent here carries no ids: the route shape
 * is computed here and reduced again on the server.
 */
export function capture(event: AnalyticsEvent, properties: AnalyticsProperties = {}): void {
  const path = location.pathname;
  const body = {
    event,
    anonymousId: anonymousId(),
    properties: { surface: surface(path), route_shape: routeShape(path), viewport_width: innerWidth, viewport_height: innerHeight, ...properties },
  };
  void collectingNow().then((on) => {
    if (!on) return;
    // keepalive: the event still goes out when it was the last thing a closing page did.
    return bridgeApi.analytics.capture.$post({ json: body }, { init: { keepalive: true } }).catch((error: unknown) => console.warn("analytics not sent", error));
  });
}
