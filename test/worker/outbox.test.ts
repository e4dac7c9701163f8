import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Outbox } from "../../durable-objects/store-gateway/outbox.ts";
import { OutboxDelivery } from "../../durable-objects/store-gateway/outbox-delivery.ts";

describe("outbox delivery", () => {
  it("keeps rows through a failed publish and delivers them in order, with the same source ids, on retry", async () => {
    const stub = env.STORE_GATEWAY.getByName("outbox-probe");
    const delivered = await runInDurableObject(stub, async (_instance, state) => {
      const outbox = new Outbox(state.storage);
      const seen: { channel: string; ids: string[]; data: unknown[] }[] = [];
      let failNext = true;
      const delivery = new OutboxDelivery(
        outbox,
        async (channel, events) => {
          if (failNext) {
            failNext = false;
            throw new Error("channel unavailable");
          }
          seen.push({ channel, ids: events.map((e) => e.sourceEventId), data: events.map((e) => e.data) });
        },
        "probe",
      );
      outbox.append("ws:a", { n: 1 });
      outbox.append("data:a:x", { n: 2 });
      outbox.append("ws:a", { n: 3 });
      await expect(delivery.drain()).rejects.toThrow(/unavailable/);
      const pendingAfterFailure = outbox.size();
      await delivery.drain();
      return { seen, pendingAfterFailure, pendingAfterRetry: outbox.size() };
    });
    expect(delivered.pendingAfterFailure).toBe(3);
    expect(delivered.pendingAfterRetry).toBe(0);
    expect(delivered.seen.map((s) => [s.channel, s.data])).toEqual([
      ["ws:a", [{ n: 1 }, { n: 3 }]],
      ["data:a:x", [{ n: 2 }]],
    ]);
    expect(delivered.seen[0]!.ids).toEqual(["probe:1", "probe:3"]);
  });
});
