import { describe, expect, it } from "vitest";
import { TokenBuckets } from "../../durable-objects/rate-limiter/token-bucket.ts";
import { LEASE_TTL_MS, TokenLeases } from "../../worker/rate-limit/leases.ts";

const perMinute = (key: string, limit: number) => ({ key, limit, periodMs: 60_000 });

/** A limiter object stand-in over the real buckets, counting its round trips. */
function limiter(now: () => number) {
  const buckets = new TokenBuckets();
  const calls: number[] = [];
  return {
    calls,
    take: async (requests: Parameters<TokenBuckets["take"]>[0], want: number) => {
      calls.push(want);
      return buckets.take(requests, now(), want);
    },
  };
}

describe("token leases", () => {
  it("a busy scope asks the limiter once per growing lease, and never admits more than the limit", async () => {
    const now = 0;
    const object = limiter(() => now);
    const leases = new TokenLeases();
    const set = [perMinute("app", 1000), perMinute("workspace", 5000)];
    let admitted = 0;
    for (let i = 0; i < 1200; i++) if ((await leases.spend("ws:1", set, object.take, now)).ok) admitted++;
    expect(admitted).toBe(1000);
    // Leases doubled up to a hundredth of the smaller limit: 1, 2, 4, 8, then 10 at a time.
    expect(object.calls.slice(0, 6)).toEqual([1, 2, 4, 8, 10, 10]);
    // ~100 leases, then one refusal that answers the remaining 199 requests without a round trip.
    expect(object.calls.length).toBeLessThan(110);
  });

  it("small limits are never leased: every request is one round trip, refused exactly at the limit", async () => {
    let now = 0;
    const object = limiter(() => now);
    const leases = new TokenLeases();
    const results = [];
    for (let i = 0; i < 7; i++) results.push((await leases.spend("ws:1", [perMinute("turns", 5)], object.take, 0)).ok);
    expect(results).toEqual([true, true, true, true, true, false, false]);
    expect(object.calls).toEqual([1, 1, 1, 1, 1, 1]);
    // The refusal holds for its wait (12 s for 5 a minute), then the limiter is asked again.
    expect(await leases.spend("ws:1", [perMinute("turns", 5)], object.take, 11_999)).toMatchObject({ ok: false, retryAfterMs: 1 });
    now = 12_000;
    expect((await leases.spend("ws:1", [perMinute("turns", 5)], object.take, now)).ok).toBe(true);
    expect(object.calls).toHaveLength(7);
  });

  it("a lapsed lease is not spent and the next one starts small again", async () => {
    let now = 0;
    const object = limiter(() => now);
    const leases = new TokenLeases();
    const set = [perMinute("app", 10_000)];
    for (let i = 0; i < 20; i++) await leases.spend("ws:1", set, object.take, now);
    const before = object.calls.length;
    now += LEASE_TTL_MS + 1;
    await leases.spend("ws:1", set, object.take, now);
    expect(object.calls.length).toBe(before + 1);
    expect(object.calls.at(-1)).toBe(1);
  });

  it("different bucket sets (another person, another app) never share a lease", async () => {
    const object = limiter(() => 0);
    const leases = new TokenLeases();
    for (let i = 0; i < 4; i++) await leases.spend("ws:1", [perMinute("app:a", 1000), perMinute("user:u", 1000)], object.take, 0);
    const before = object.calls.length;
    await leases.spend("ws:1", [perMinute("app:a", 1000), perMinute("user:v", 1000)], object.take, 0);
    expect(object.calls.length).toBe(before + 1);
  });
});
