import { exports } from "cloudflare:workers";
import { createParser } from "eventsource-parser";
import type { Person } from "./person.ts";

export type RawSseEvent = { id: string; data: string };

export async function readRaw(response: Response): Promise<RawSseEvent[]> {
  const events: RawSseEvent[] = [];
  const parser = createParser({ onEvent: (m) => m.data !== "[DONE]" && events.push({ id: m.id ?? "", data: m.data }) });
  parser.feed(await response.text());
  return events;
}

export const userMessage = (id: string, text: string) => ({ id, role: "user", parts: [{ type: "text", text }] });

/** POST …/runs/:runId/chat as the browser does; the answer is the turn's stream. */
export function chat(person: Person, base: string, runId: string, messages: unknown[]) {
  return exports.default.fetch(
    new Request(`http://example.com${base}/${runId}/chat`, {
      method: "POST",
      headers: { cookie: person.cookie!, origin: "http://example.com", "content-type": "application/json" },
      body: JSON.stringify({ messages }),
    }),
  );
}
