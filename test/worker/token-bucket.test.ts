import { describe, expect, it } from "vitest";
import { TokenBuckets } from "../../durable-objects/rate-limiter/token-bucket.ts";

const perMinute = (key: string, limit: number) => ({ key, limit, periodMs: 60_000 });

describe("token buckets", () => {
  it("allows a full period's worth at once, then refills continuously and says how long to wait", () => {
    const buckets = new TokenBuckets();
    for (let i = 0; i < 6; i++) expect(buckets.take([perMinute("a", 6)], 0)).toEqual({ ok: true, granted: 1 });
    expect(buckets.take([perMinute("a", 6)], 0)).toEqual({ ok: false, key: "a", retryAfterMs: 10_000 });
    expect(buckets.take([perMinute("a", 6)], 4_000)).toEqual({ ok: false, key: "a", retryAfterMs: 6_000 });
    expect(buckets.take([perMinute("a", 6)], 10_000)).toEqual({ ok: true, granted: 1 });
    expect(buckets.take([perMinute("a", 6)], 10_000).ok).toBe(false);
  });

  it("spends every named bucket or none, and reports the longest wait", () => {
    const buckets = new TokenBuckets();
    expect(buckets.take([perMinute("app", 1), perMinute("user", 3)], 0).ok).toBe(true);
    const refused = buckets.take([perMinute("app", 1), perMinute("user", 3)], 0);
    expect(refused).toEqual({ ok: false, key: "app", retryAfterMs: 60_000 });
    // The refused request did not spend the user's budget: two more to other apps still pass.
    expect(buckets.take([perMinute("app2", 5), perMinute("user", 3)], 0).ok).toBe(true);
    expect(buckets.take([perMinute("app3", 5), perMinute("user", 3)], 0).ok).toBe(true);
    expect(buckets.take([perMinute("app4", 5), perMinute("user", 3)], 0)).toEqual({ ok: false, key: "user", retryAfterMs: 20_000 });
  });

  it("forgets only buckets that have refilled, so memory stays bounded without giving budget away", () => {
    const buckets = new TokenBuckets(3);
    for (const key of ["a", "b", "c"]) buckets.take([perMinute(key, 2)], 0);
    buckets.take([perMinute("busy", 1)], 10_000);
    expect(buckets.size).toBe(4);
    buckets.take([perMinute("d", 2)], 61_000); // a, b, c are full again by now; busy is not
    expect(buckets.size).toBe(2);
    expect(buckets.take([perMinute("busy", 1)], 61_000).ok).toBe(false);
  });

  it("grants a lease of up to `want` tokens, never more than every bucket holds, and never below one", () => {
    const buckets = new TokenBuckets();
    expect(buckets.take([perMinute("app", 10), perMinute("user", 4)], 0, 8)).toEqual({ ok: true, granted: 4 });
    expect(buckets.take([perMinute("app", 10), perMinute("user", 4)], 0, 8)).toEqual({ ok: false, key: "user", retryAfterMs: 15_000 });
    // The app bucket gave exactly what the user bucket allowed: six remain.
    expect(buckets.take([perMinute("app", 10)], 0, 100)).toEqual({ ok: true, granted: 6 });
    expect(buckets.take([perMinute("app", 10)], 0, 1).ok).toBe(false);
  });
});
