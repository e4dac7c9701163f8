import { inject } from "vitest";

export type CapturedEvent = { event: string; distinct_id: string; api_key: string; properties: Record<string, unknown> };

/** Every event the PostHog stand-in (global-setup.ts) received, from every test file. */
export async function capturedEvents(): Promise<CapturedEvent[]> {
  return (await (await fetch(`${inject("runnerUrl")}/__test/posthog`)).json()) as CapturedEvent[];
}

/** Polls the stand-in until `predicate` holds (events are forwarded after the response), or 10 s pass. */
export async function waitForEvents(predicate: (events: CapturedEvent[]) => boolean): Promise<CapturedEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const events = await capturedEvents();
    if (predicate(events) || Date.now() > deadline) return events;
    await new Promise((r) => setTimeout(r, 50));
  }
}
