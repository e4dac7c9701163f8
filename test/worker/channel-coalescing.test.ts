import { describe, expect, it } from "vitest";
import { channel, connectWs, sequence, subscribeSse, waitFor } from "./support/channel-harness.ts";

const WINDOW_MS = 200;

/** Publishes `{ n }` for n = from..to, one event per publish (each its own RPC, as the outbox does under load). */
async function publishOneByOne(name: string, from: number, to: number) {
  for (const n of sequence(from, to)) await channel(name).publish([{ sourceEventId: `src-${n}`, data: { n } }]);
}

// Deliveries within a window are coalesced; these prove nothing is lost, repeated or reordered by it.
describe("Channel coalescing", () => {
  it("delivers events published within one window as one frame to batch sockets, in order and with their seqs", async () => {
    const name = "coalesce-ws";
    await channel(name).setCoalesceWindow(WINDOW_MS);
    const batched = await connectWs(name, "?frames=batch");
    const single = await connectWs(name);
    await publishOneByOne(name, 1, 30);
    await waitFor(() => batched.seqs.length === 30 && single.seqs.length === 30);
    expect(batched.seqs).toEqual(sequence(1, 30));
    expect(single.seqs).toEqual(sequence(1, 30));
    // The batch socket got fewer frames than publishes, every one an `events` frame whose data matches its seq.
    expect(batched.frames.length).toBeLessThan(30);
    for (const frame of batched.frames) {
      expect(frame.type).toBe("events");
      if (frame.type === "events") for (const event of frame.events) expect(event.data).toEqual({ n: event.seq });
    }
    // A socket without ?frames=batch keeps the one-event frames it always had.
    expect(single.frames.every((f) => f.type === "event")).toBe(true);
    expect(single.frames.map((f) => (f.type === "event" ? f.data : null))).toEqual(sequence(1, 30).map((n) => ({ n })));
    batched.ws.close(1000, "done");
    single.ws.close(1000, "done");
  });

  it("keeps SSE ids and data in order across coalesced deliveries, for live and resumed streams", async () => {
    const name = "coalesce-sse";
    await channel(name).setCoalesceWindow(WINDOW_MS);
    const live = await subscribeSse(name);
    await publishOneByOne(name, 1, 20);
    const resumed = await subscribeSse(name, { headers: { "last-event-id": "7" } });
    await publishOneByOne(name, 21, 40);
    await live.until((events) => events.length >= 40);
    await resumed.until((events) => events.length >= 33);
    expect(live.events.map((e) => e.id)).toEqual(sequence(1, 40));
    expect(live.events.map((e) => e.data)).toEqual(sequence(1, 40).map((n) => ({ n })));
    expect(resumed.events.map((e) => e.id)).toEqual(sequence(8, 40));
    await live.cancel();
    await resumed.cancel();
  });

  it("gives a subscriber that opens while a delivery is waiting every waiting event exactly once", async () => {
    const name = "coalesce-join";
    await channel(name).setCoalesceWindow(WINDOW_MS);
    const first = await subscribeSse(name);
    await publishOneByOne(name, 1, 3); // 1 goes out at once, 2..3 wait for the window
    const stats = await channel(name).stats();
    expect(stats.lastSeq).toBe(3);
    expect(stats.deliveredSeq).toBeLessThan(3);
    const sse = await subscribeSse(name);
    const fromStart = await connectWs(name, "?since=0&frames=batch");
    const liveSocket = await connectWs(name);
    await publishOneByOne(name, 4, 6);
    await first.until((events) => events.length >= 6);
    await sse.until((events) => events.length >= 6 - stats.deliveredSeq);
    await waitFor(() => fromStart.seqs.length >= 6 && liveSocket.seqs.length >= 3);
    expect(first.events.map((e) => e.id)).toEqual(sequence(1, 6));
    expect(sse.events.map((e) => e.id)).toEqual(sequence(stats.deliveredSeq + 1, 6));
    expect(fromStart.seqs).toEqual(sequence(1, 6));
    expect(liveSocket.seqs).toEqual(sequence(4, 6));
    await first.cancel();
    await sse.cancel();
    fromStart.ws.close(1000, "done");
    liveSocket.ws.close(1000, "done");
  });

  it("resumes a stream at a seq that is stored but still waiting to be delivered, without gaps or repeats", async () => {
    const name = "coalesce-resume-waiting";
    await channel(name).setCoalesceWindow(WINDOW_MS);
    await publishOneByOne(name, 1, 4); // 1 delivered at once; 2..4 wait
    const { deliveredSeq } = await channel(name).stats();
    expect(deliveredSeq).toBeLessThan(3);
    const resumed = await subscribeSse(name, { headers: { "last-event-id": "3" } });
    await publishOneByOne(name, 5, 6);
    await resumed.until((events) => events.length >= 3);
    expect(resumed.events.map((e) => e.id)).toEqual([4, 5, 6]);
    await resumed.cancel();
  });

  it("delivers at once when the window is 0", async () => {
    const name = "coalesce-off";
    await channel(name).setCoalesceWindow(0);
    const batched = await connectWs(name, "?frames=batch");
    await publishOneByOne(name, 1, 5);
    await waitFor(() => batched.seqs.length === 5);
    expect(batched.frames.map((f) => (f.type === "events" ? f.events.map((e) => e.seq) : []))).toEqual(sequence(1, 5).map((n) => [n]));
    batched.ws.close(1000, "done");
  });
});
