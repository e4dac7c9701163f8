import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { channel, publishRange, sequence, subscribeSse } from "./support/channel-harness.ts";
import { SseReader } from "./support/sse-reader.ts";
import { errorBodySchema } from "../../shared/api/errors.ts";

const ns = (events: { data: unknown }[]) => events.map((e) => (e.data as { n: number }).n);

describe("Channel over SSE", () => {
  it("delivers 1..1000 in order to three SSE subscribers, one of them resumed with Last-Event-ID", async () => {
    const name = "three-subscribers";
    const a = await subscribeSse(name);
    const b = await subscribeSse(name);
    let c = await subscribeSse(name);
    await publishRange(name, 1, 400);
    await c.until((events) => events.length >= 250);
    await c.cancel();
    const seenBeforeDisconnect = [...c.events];
    await publishRange(name, 401, 700);
    c = await subscribeSse(name, { headers: { "last-event-id": String(seenBeforeDisconnect.at(-1)!.id) } });
    await publishRange(name, 701, 1000);
    for (const reader of [a, b, c]) await reader.until((events) => events.at(-1)?.id === 1000);
    for (const reader of [a, b]) {
      expect(reader.events.map((e) => e.id)).toEqual(sequence(1, 1000));
      expect(ns(reader.events)).toEqual(sequence(1, 1000));
    }
    const resumed = [...seenBeforeDisconnect, ...c.events];
    expect(resumed.map((e) => e.id)).toEqual(sequence(1, 1000));
    expect(ns(resumed)).toEqual(sequence(1, 1000));
    await Promise.all([a.cancel(), b.cancel(), c.cancel()]);
  });

  it("numbers concurrent publishes without gaps, each batch contiguous, delivered in seq order", async () => {
    const name = "concurrent";
    const reader = await subscribeSse(name);
    const results = await Promise.all(
      sequence(0, 19).map((producer) => channel(name).publish(sequence(1, 25).map((k) => ({ sourceEventId: `p${producer}-${k}`, data: { producer, k } })))),
    );
    const seqs = results.flatMap((r) => r.published.map((p) => p.seq)).sort((x, y) => x - y);
    expect(seqs).toEqual(sequence(1, 500));
    for (const result of results) {
      const first = result.published[0]!.seq;
      expect(result.published.map((p) => p.seq)).toEqual(sequence(first, first + 24));
    }
    await reader.until((events) => events.length === 500);
    expect(reader.events.map((e) => e.id)).toEqual(sequence(1, 500));
    const bySeq = new Map(results.flatMap((r) => r.published.map((p) => [p.seq, p.sourceEventId] as const)));
    for (const event of reader.events) {
      const { producer, k } = event.data as { producer: number; k: number };
      expect(bySeq.get(event.id)).toBe(`p${producer}-${k}`);
    }
    await reader.cancel();
  });

  it("starts at the live tail without a resume point, and from the beginning with ?since=0", async () => {
    const name = "start";
    await publishRange(name, 1, 5);
    const live = await subscribeSse(name);
    const all = await subscribeSse(name, { query: "?since=0" });
    await publishRange(name, 6, 7);
    await live.until((events) => events.at(-1)?.id === 7);
    await all.until((events) => events.at(-1)?.id === 7);
    expect(live.events.map((e) => e.id)).toEqual([6, 7]);
    expect(all.events.map((e) => e.id)).toEqual(sequence(1, 7));
    // Last-Event-ID (an EventSource reconnect) wins over the ?since= still in the URL.
    const reconnect = await subscribeSse(name, { headers: { "last-event-id": "6" }, query: "?since=0" });
    await reconnect.until((events) => events.length >= 1);
    expect(reconnect.events.map((e) => e.id)).toEqual([7]);
    await Promise.all([live.cancel(), all.cancel(), reconnect.cancel()]);
  });

  it("answers a resume point that is no longer buffered, or in the future, with reset", async () => {
    const name = "reset";
    await channel(name).setCapacity(10);
    await publishRange(name, 1, 30);
    const stale = await subscribeSse(name, { headers: { "last-event-id": "5" } });
    const fromStart = await subscribeSse(name, { query: "?since=0" });
    const future = await subscribeSse(name, { query: "?since=99" });
    for (const reader of [stale, fromStart, future]) {
      await reader.until((events) => events.length >= 1);
      expect(reader.events[0]).toEqual({ id: 30, data: { type: "reset" } });
    }
    // Live delivery continues after the reset, without a gap.
    await publishRange(name, 31, 32);
    await stale.until((events) => events.length >= 3);
    expect(stale.events.map((e) => e.id)).toEqual([30, 31, 32]);
    // The oldest buffered point (since + 1 = firstSeq) still replays.
    const oldest = await subscribeSse(name, { query: "?since=22" });
    await oldest.until((events) => events.at(-1)?.id === 32);
    expect(oldest.events.map((e) => e.id)).toEqual(sequence(23, 32));
    expect((await channel(name).stats()).firstSeq).toBe(23);
    await Promise.all([stale.cancel(), fromStart.cancel(), future.cancel(), oldest.cancel()]);
  });

  it("drops duplicates by source event id, within a batch and across batches", async () => {
    const name = "dedup";
    const reader = await subscribeSse(name);
    const first = await channel(name).publish([
      { sourceEventId: "x", data: 1 },
      { sourceEventId: "x", data: 1 },
      { sourceEventId: "y", data: 2 },
    ]);
    expect(first).toEqual({
      published: [
        { seq: 1, sourceEventId: "x" },
        { seq: 2, sourceEventId: "y" },
      ],
      duplicates: 1,
      lastSeq: 2,
    });
    const second = await channel(name).publish([{ sourceEventId: "y", data: 2 }, { sourceEventId: "z", data: 3 }, { data: "no source id is never a duplicate" }]);
    expect(second).toEqual({ published: [{ seq: 3, sourceEventId: "z" }, { seq: 4 }], duplicates: 1, lastSeq: 4 });
    const allDuplicates = await channel(name).publish([{ sourceEventId: "x", data: 1 }]);
    expect(allDuplicates).toEqual({ published: [], duplicates: 1, lastSeq: 4 });
    await channel(name).publish([{ sourceEventId: "w", data: 5 }]);
    await reader.until((events) => events.length >= 5);
    expect(reader.events.map((e) => e.data)).toEqual([1, 2, 3, "no source id is never a duplicate", 5]);
    expect(reader.events.map((e) => e.id)).toEqual(sequence(1, 5));
    await reader.cancel();
  });

  it("loses nothing across an eviction in the middle: seq continues and a resume gets the rest", async () => {
    const name = "eviction";
    const reader = await subscribeSse(name);
    await publishRange(name, 1, 500);
    await reader.until((events) => events.length === 500);
    // An SSE response pins the instance; the subscriber drops (as it would when the instance goes).
    await reader.cancel();
    await evictDurableObject(channel(name));
    await publishRange(name, 501, 1000);
    const resumed = await subscribeSse(name, { headers: { "last-event-id": String(reader.lastId) } });
    await resumed.until((events) => events.at(-1)?.id === 1000);
    expect([...reader.events, ...resumed.events].map((e) => e.id)).toEqual(sequence(1, 1000));
    expect(ns([...reader.events, ...resumed.events])).toEqual(sequence(1, 1000));
    // Redelivering the pre-eviction events is still recognised as duplicates.
    expect((await channel(name).publish([{ sourceEventId: "src-10", data: { n: 10 } }])).duplicates).toBe(1);
    await resumed.cancel();
  });

  it("rejects a malformed Last-Event-ID or since with 400 in the API error shape", async () => {
    const cases = [
      { headers: { "last-event-id": "abc" }, field: "Last-Event-ID" },
      { headers: { "last-event-id": "1.5" }, query: "?since=3", field: "Last-Event-ID" },
      { query: "?since=-1", field: "since" },
      { query: "?since=1e3", field: "since" },
    ];
    for (const { headers, query, field } of cases) {
      const response = await channel("bad-id").fetch(new Request(`http://channel/subscribe${query ?? ""}`, { headers }));
      expect(response.status).toBe(400);
      const body = errorBodySchema.parse(await response.json());
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.fields?.map((f) => f.path)).toEqual([field]);
    }
  });

  it("rejects an invalid publish batch without numbering any of it", async () => {
    const name = "invalid-batch";
    // Called on the instance: an error thrown across RPC is also reported as unhandled by the test pool.
    await runInDurableObject(channel(name), async (instance) => {
      await expect(instance.publish([{ data: 1 }, { sourceEventId: "", data: 2 }])).rejects.toThrow(/sourceEventId/);
    });
    expect((await channel(name).publish([{ data: 3 }])).published).toEqual([{ seq: 1 }]);
  });

  it("sends a heartbeat comment on idle SSE streams", async () => {
    // test/worker/vitest.config.ts sets CHANNEL_HEARTBEAT_MS low so this does not wait 30 s.
    const response = await channel("heartbeat").fetch(new Request("http://channel/subscribe"));
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = new SseReader(response);
    const deadline = Date.now() + 5_000;
    while (!reader.comments.includes("heartbeat") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(reader.comments).toContain("heartbeat");
    expect(reader.events).toEqual([]);
    await reader.cancel();
  });
});
