import { describe, expect, it } from "vitest";
import { channel, connectWs, publishRange, sequence, subscribeSse, waitFor, type WsSubscriber } from "./support/channel-harness.ts";
import type { SseReader } from "./support/sse-reader.ts";

const SUBSCRIBERS = 500;
const EVENTS = 1000;

// Correctness at scale; the figures (how fast) are test/bench/channel-fanout's job.
describe("Channel fan-out", () => {
  it(`fans ${EVENTS} events out to ${SUBSCRIBERS} WebSocket subscribers, each in order with none missing`, async () => {
    const name = "fanout-ws";
    const subscribers: WsSubscriber[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) subscribers.push(await connectWs(name));
    await publishRange(name, 1, EVENTS, 100);
    await waitFor(() => subscribers.every((s) => s.seqs.length === EVENTS), 120_000);
    const expected = sequence(1, EVENTS);
    for (const s of subscribers) expect(s.seqs).toEqual(expected);
    for (const s of subscribers) s.ws.close(1000, "done");
  }, 180_000);

  it(`fans ${EVENTS} events out to ${SUBSCRIBERS} SSE subscribers, each in order with none missing`, async () => {
    const name = "fanout-sse";
    const readers: SseReader[] = [];
    for (let i = 0; i < SUBSCRIBERS; i++) readers.push(await subscribeSse(name));
    await publishRange(name, 1, EVENTS, 100);
    for (const reader of readers) await reader.until((events) => events.length >= EVENTS, 120_000);
    const expected = sequence(1, EVENTS);
    for (const reader of readers) {
      expect(reader.events.map((e) => e.id)).toEqual(expected);
      expect(reader.events.map((e) => (e.data as { n: number }).n)).toEqual(expected);
    }
    await Promise.all(readers.map((r) => r.cancel()));
    await expect.poll(async () => (await channel(name).stats()).sseSubscribers).toBe(0);
  }, 180_000);
});
