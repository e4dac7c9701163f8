import { useEffect, useRef } from "react";
import { capture } from "./analytics.ts";
import type { AnalyticsEvent, AnalyticsProperties } from "../../../shared/api/analytics.ts";

/**
 * Sends `event` once per `key` while `when` holds: "approval shown" once per approval request a
 * person sees, not on every render. `key` is never sent (it is usually an id).
 */
export function useCaptureOnce(event: AnalyticsEvent, key: string, when: boolean, properties: AnalyticsProperties): void {
  const sent = useRef<string | null>(null);
  const props = JSON.stringify(properties);
  useEffect(() => {
    if (!when || sent.current === key) return;
    sent.current = key;
    capture(event, JSON.parse(props) as AnalyticsProperties);
  }, [event, key, when, props]);
}
