import { env } from "cloudflare:workers";
import { evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SseReader } from "./support/sse-reader.ts";
import { channelFrameSchema } from "../../shared/realtime/channel-frames.ts";

const channel = (name: string) => env.CHANNEL.getByName(name);

function subscribeSse(name: string, headers: Record<string, string> = {}, query = "") {
  return channel(name).fetch(new Request(`http://channel/subscribe${query}`, { headers }));
}

async function publishRange(name: string, from: number, to: number, batch = 50) {
  for (let start = from; start <= to; start += batch) {
    const events = [];
    for (let n = start; n <= Math.min(to, start + batch - 1); n++) events.push({ sourceEventId: `src-${n}`, data: { n } });
    await channel(name).publish(events);
  }
}

const sequence = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("Channel", () => {
  it("delivers 1..1000 in order to three SSE subscribers, one of them resumed with Last-Event-ID", async () => {
    const name = "three-subscribers";
    const a = new SseReader(await subscribeSse(name));
    const b = new SseReader(await subscribeSse(name));
    let c = new SseReader(await subscribeSse(name));
    await publishRange(name, 1, 400);
    await c.until((events) => events.length >= 250);
    await c.cancel();
    const seenBeforeDisconnect = [...c.events];
    await publishRange(name, 401, 700);
    c = new SseReader(await subscribeSse(name, { "last-event-id": String(seenBeforeDisconnect.at(-1)!.id) }));
    await publishRange(name, 701, 1000);
    for (const reader of [a, b, c]) await reader.until((events) => events.at(-1)?.id === 1000);
    for (const reader of [a, b]) {
      expect(reader.events.map((e) => e.id)).toEqual(sequence(1, 1000));
      expect(reader.events.map((e) => (e.data as { n: number }).n)).toEqual(sequence(1, 1000));
    }
    const resumed = [...seenBeforeDisconnect, ...c.events];
    expect(resumed.map((e) => e.id)).toEqual(sequence(1, 1000));
    expect(resumed.map((e) => (e.data as { n: number }).n)).toEqual(sequence(1, 1000));
    await Promise.all([a.cancel(), b.cancel(), c.cancel()]);
  });

  it("answers a resume point that is no longer buffered, or in the future, with reset", async () => {
    const name = "reset";
    await channel(name).setCapacity(10);
    await publishRange(name, 1, 30);
    const stale = new SseReader(await subscribeSse(name, { "last-event-id": "5" }));
    await stale.until((events) => events.length >= 1);
    expect(stale.events[0]).toEqual({ id: 30, data: { type: "reset" } });
    const future = new SseReader(await subscribeSse(name, {}, "?since=99"));
    await future.until((events) => events.length >= 1);
    expect(future.events[0]).toEqual({ id: 30, data: { type: "reset" } });
    // Live delivery continues after the reset, without a gap.
    await publishRange(name, 31, 32);
    await stale.until((events) => events.length >= 3);
    expect(stale.events.map((e) => e.id)).toEqual([30, 31, 32]);
    // A point still buffered replays normally.
    const fresh = new SseReader(await subscribeSse(name, {}, "?since=25"));
    await fresh.until((events) => events.at(-1)?.id === 32);
    expect(fresh.events.map((e) => e.id)).toEqual(sequence(26, 32));
    await Promise.all([stale.cancel(), future.cancel(), fresh.cancel()]);
  });

  it("drops duplicates by source event id, within a batch and across batches", async () => {
    const name = "dedup";
    const first = await channel(name).publish([
      { sourceEventId: "x", data: 1 },
      { sourceEventId: "x", data: 1 },
      { sourceEventId: "y", data: 2 },
    ]);
    expect(first).toMatchObject({ duplicates: 1, lastSeq: 2 });
    const second = await channel(name).publish([
      { sourceEventId: "y", data: 2 },
      { sourceEventId: "z", data: 3 },
      { data: "no source id is never a duplicate" },
    ]);
    expect(second.published.map((p) => p.seq)).toEqual([3, 4]);
    expect(second.duplicates).toBe(1);
    const reader = new SseReader(await subscribeSse(name, {}, "?since=0"));
    await reader.until((events) => events.length >= 4);
    expect(reader.events.map((e) => e.data)).toEqual([1, 2, 3, "no source id is never a duplicate"]);
    await reader.cancel();
  });

  it("loses nothing across an eviction in the middle: seq continues and a resume gets the rest", async () => {
    const name = "eviction";
    const reader = new SseReader(await subscribeSse(name));
    await publishRange(name, 1, 500);
    await reader.until((events) => events.length === 500);
    // An SSE response pins the instance; the subscriber drops (as it would when the instance goes).
    await reader.cancel();
    await evictDurableObject(channel(name));
    await publishRange(name, 501, 1000);
    const resumed = new SseReader(await subscribeSse(name, { "last-event-id": String(reader.lastId) }));
    await resumed.until((events) => events.at(-1)?.id === 1000);
    const all = [...reader.events, ...resumed.events.filter((e) => e.id > reader.lastId)];
    expect(all.map((e) => e.id)).toEqual(sequence(1, 1000));
    expect(resumed.events.map((e) => e.id)).toEqual(sequence(reader.lastId + 1, 1000));
    // Redelivering the pre-eviction events is still recognised as duplicates.
    expect((await channel(name).publish([{ sourceEventId: "src-10", data: { n: 10 } }])).duplicates).toBe(1);
    await Promise.all([reader.cancel(), resumed.cancel()]);
  });

  it("rejects a malformed Last-Event-ID with 400", async () => {
    const response = await subscribeSse("bad-id", { "last-event-id": "abc" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    expect((await subscribeSse("bad-id", {}, "?since=-1")).status).toBe(400);
  });

  it("sends a heartbeat comment on idle SSE streams", async () => {
    // test/worker/vitest.config.ts sets CHANNEL_HEARTBEAT_MS low so this does not wait 30 s.
    const reader = new SseReader(await subscribeSse("heartbeat"));
    const deadline = Date.now() + 5_000;
    while (!reader.comments.includes("heartbeat") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(reader.comments).toContain("heartbeat");
    await reader.cancel();
  });
});

describe("Channel over WebSockets", () => {
  async function connect(name: string, query = "") {
    const response = await channel(name).fetch(new Request(`http://channel/subscribe${query}`, { headers: { upgrade: "websocket" } }));
    const ws = response.webSocket!;
    ws.accept();
    const seqs: number[] = [];
    const frames: unknown[] = [];
    ws.addEventListener("message", (event) => {
      const frame = channelFrameSchema.parse(JSON.parse(event.data as string));
      frames.push(frame);
      if (frame.type === "event") seqs.push(frame.seq);
    });
    return { ws, seqs, frames };
  }

  const waitFor = async (check: () => boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it("delivers in order with resume, and keeps delivering to hibernated sockets after an eviction", async () => {
    const name = "ws";
    const live = await connect(name);
    await publishRange(name, 1, 300);
    await waitFor(() => live.seqs.length === 300);
    const late = await connect(name, "?since=150");
    await waitFor(() => late.seqs.length === 150);
    await evictDurableObject(channel(name));
    await publishRange(name, 301, 600);
    await waitFor(() => live.seqs.length === 600 && late.seqs.length === 450);
    expect(live.seqs).toEqual(sequence(1, 600));
    expect(late.seqs).toEqual(sequence(151, 600));
    const stale = await connect(name, "?since=999");
    await waitFor(() => stale.frames.length === 1);
    expect(stale.frames[0]).toEqual({ type: "reset", seq: 600 });
    for (const c of [live, late, stale]) c.ws.close(1000, "done");
  });

  it("fans 1,000 events out to 500 subscribers, each in order with none missing", async () => {
    const name = "fanout-500";
    const subscribers: Awaited<ReturnType<typeof connect>>[] = [];
    for (let i = 0; i < 500; i++) subscribers.push(await connect(name));
    await publishRange(name, 1, 1000, 100);
    await waitFor(() => subscribers.every((s) => s.seqs.length === 1000), 120_000);
    const expected = sequence(1, 1000);
    for (const s of subscribers) expect(s.seqs).toEqual(expected);
    for (const s of subscribers) s.ws.close(1000, "done");
  }, 180_000);
});
