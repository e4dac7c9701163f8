import { describe, expect, it } from "vitest";
import { channel, sequence } from "./support/channel-harness.ts";
import { SseReader } from "./support/sse-reader.ts";

const payload = "x".repeat(1024);
/** SSE_QUEUE_BYTES in durable-objects/channel.ts, plus one chunk of slack. */
const QUEUE_LIMIT = 256 * 1024 + 64 * 1024;

async function publishLarge(name: string, from: number, to: number) {
  for (let start = from; start <= to; start += 10) {
    await channel(name).publish(sequence(start, Math.min(to, start + 9)).map((n) => ({ data: { n, payload } })));
  }
}

describe("Channel SSE backpressure", () => {
  it("holds a bounded queue for a subscriber that does not read, which then catches up from the log", async () => {
    const name = "slow";
    // The response is not read until all 4 MB are published.
    const response = await channel(name).fetch(new Request("http://channel/subscribe"));
    await publishLarge(name, 1, 4000);
    const stats = await channel(name).stats();
    expect(stats.sseSubscribers).toBe(1);
    expect(stats.sseQueuedBytes).toBeLessThan(QUEUE_LIMIT);
    const reader = new SseReader(response);
    await reader.until((events) => events.at(-1)?.id === 4000);
    expect(reader.events.map((e) => e.id)).toEqual(sequence(1, 4000));
    expect(reader.events.map((e) => (e.data as { n: number }).n)).toEqual(sequence(1, 4000));
    // Caught up, it is back on the live path.
    await publishLarge(name, 4001, 4005);
    await reader.until((events) => events.at(-1)?.id === 4005);
    expect(reader.events.map((e) => e.id)).toEqual(sequence(1, 4005));
    await reader.cancel();
    await expect.poll(async () => (await channel(name).stats()).sseSubscribers).toBe(0);
  }, 120_000); // 4 MB through one stream: slow on a busy machine

  it("sends reset to a subscriber that fell behind the buffer, then continues live without a gap", async () => {
    const name = "slow-trimmed";
    await channel(name).setCapacity(500);
    const response = await channel(name).fetch(new Request("http://channel/subscribe"));
    await publishLarge(name, 1, 3000);
    const reader = new SseReader(response);
    await reader.until((events) => events.some((e) => (e.data as { type?: string }).type === "reset"));
    await publishLarge(name, 3001, 3010);
    await reader.until((events) => events.at(-1)?.id === 3010);
    const resetAt = reader.events.findIndex((e) => (e.data as { type?: string }).type === "reset");
    const before = reader.events.slice(0, resetAt);
    // What was queued before it fell behind arrives in order, from 1.
    expect(before.map((e) => e.id)).toEqual(sequence(1, before.length));
    expect(reader.events[resetAt]).toEqual({ id: 3000, data: { type: "reset" } });
    expect(reader.events.slice(resetAt + 1).map((e) => e.id)).toEqual(sequence(3001, 3010));
    await reader.cancel();
  });
});
