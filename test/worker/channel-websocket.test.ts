import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { channel, connectWs, publishRange, sequence, waitFor } from "./support/channel-harness.ts";

describe("Channel over WebSockets", () => {
  it("delivers in order to live and resumed sockets, with frames of channelFrameSchema", async () => {
    const name = "ws-order";
    const live = await connectWs(name);
    await publishRange(name, 1, 300);
    await waitFor(() => live.seqs.length === 300);
    const resumed = await connectWs(name, "?since=150");
    const fromStart = await connectWs(name, "?since=0");
    await publishRange(name, 301, 600, 7);
    await waitFor(() => live.seqs.length === 600 && resumed.seqs.length === 450 && fromStart.seqs.length === 600);
    expect(live.seqs).toEqual(sequence(1, 600));
    expect(resumed.seqs).toEqual(sequence(151, 600));
    expect(fromStart.seqs).toEqual(sequence(1, 600));
    expect(live.frames[41]).toEqual({ type: "event", seq: 42, data: { n: 42 } });
    expect(resumed.frames[0]).toEqual({ type: "event", seq: 151, data: { n: 151 } });
    for (const s of [live, resumed, fromStart]) s.ws.close(1000, "done");
  });

  it("sends reset for a trimmed or future resume point, then continues live", async () => {
    const name = "ws-reset";
    await channel(name).setCapacity(20);
    await publishRange(name, 1, 100);
    const trimmed = await connectWs(name, "?since=10");
    const future = await connectWs(name, "?since=500");
    await publishRange(name, 101, 102);
    await waitFor(() => trimmed.frames.length === 3 && future.frames.length === 3);
    for (const s of [trimmed, future]) {
      expect(s.frames).toEqual([
        { type: "reset", seq: 100 },
        { type: "event", seq: 101, data: { n: 101 } },
        { type: "event", seq: 102, data: { n: 102 } },
      ]);
      s.ws.close(1000, "done");
    }
  });

  it("keeps delivering to connected sockets after the object is evicted (hibernation)", async () => {
    const name = "ws-hibernation";
    const first = await connectWs(name);
    const second = await connectWs(name);
    await publishRange(name, 1, 300);
    await waitFor(() => first.seqs.length === 300 && second.seqs.length === 300);
    await runInDurableObject(channel(name), (instance) => Reflect.set(instance, "marker", "before eviction"));
    await evictDurableObject(channel(name));
    // A new instance: nothing in memory survived, the sockets did.
    await runInDurableObject(channel(name), (instance) => expect(Reflect.get(instance, "marker")).toBeUndefined());
    expect((await channel(name).stats()).webSockets).toBe(2);
    await publishRange(name, 301, 600);
    await waitFor(() => first.seqs.length === 600 && second.seqs.length === 600);
    expect(first.seqs).toEqual(sequence(1, 600));
    expect(second.seqs).toEqual(sequence(1, 600));
    // A socket that missed events while away resumes from its last seq.
    second.ws.close(1000, "leaving");
    await publishRange(name, 601, 700);
    const back = await connectWs(name, `?since=${second.seqs.at(-1)}`);
    await waitFor(() => back.seqs.length === 100 && first.seqs.length === 700);
    expect([...second.seqs, ...back.seqs]).toEqual(sequence(1, 700));
    for (const s of [first, back]) s.ws.close(1000, "done");
  });

  it("forgets closed sockets", async () => {
    const name = "ws-close";
    const a = await connectWs(name);
    const b = await connectWs(name);
    expect((await channel(name).stats()).webSockets).toBe(2);
    a.ws.close(1000, "bye");
    await waitFor(() => a.ws.readyState === WebSocket.CLOSED);
    await publishRange(name, 1, 3);
    await waitFor(() => b.seqs.length === 3);
    expect(a.seqs).toEqual([]);
    expect((await channel(name).stats()).webSockets).toBe(1);
    b.ws.close(1000, "done");
  });

  it("rejects a malformed since with 400 instead of upgrading", async () => {
    const response = await channel("ws-bad").fetch(new Request("http://channel/subscribe?since=x", { headers: { upgrade: "websocket" } }));
    expect(response.status).toBe(400);
    expect(response.webSocket).toBeNull();
  });
});
