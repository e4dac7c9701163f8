import type { BucketRequest, TakeResult } from "../../platform/rate-limit/buckets.ts";

export type { BucketRequest, TakeResult };

interface Bucket {
  tokens: number;
  at: number;
  limit: number;
  periodMs: number;
}

const refilled = (b: Bucket, now: number) => Math.min(b.limit, b.tokens + ((now - b.at) * b.limit) / b.periodMs);

/**
 * Token buckets in memory: a bucket holds up to `limit` tokens (a full period's worth may be spent
 * at once) and regains `limit` per `periodMs`. A request takes one token from every bucket it names,
 * or from none: a refused request never spends another bucket's budget. A caller may ask for up to
 * `want` tokens at once (a lease it spends itself, see worker/rate-limit/leases.ts): it gets as many
 * whole tokens as every bucket holds, at least one, or a refusal.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly maxBuckets = 50_000) {}

  take(requests: BucketRequest[], now: number, want = 1): TakeResult {
    const current = requests.map((r) => ({ request: r, tokens: this.level(r, now) }));
    const waits = current.filter((c) => c.tokens < 1).map((c) => ({ key: c.request.key, retryAfterMs: Math.ceil(((1 - c.tokens) * c.request.periodMs) / c.request.limit) }));
    if (waits.length) {
      for (const c of current) this.store(c.request, c.tokens, now);
      const longest = waits.reduce((a, b) => (b.retryAfterMs > a.retryAfterMs ? b : a));
      return { ok: false, ...longest };
    }
    const granted = Math.max(1, Math.min(Math.floor(want), ...current.map((c) => Math.floor(c.tokens))));
    for (const c of current) this.store(c.request, c.tokens - granted, now);
    if (this.buckets.size > this.maxBuckets) this.forgetFull(now);
    return { ok: true, granted };
  }

  get size(): number {
    return this.buckets.size;
  }

  private level(request: BucketRequest, now: number): number {
    const bucket = this.buckets.get(request.key);
    // A changed limit applies from now on, to the level the bucket had reached.
    return bucket ? refilled({ ...bucket, limit: request.limit, periodMs: request.periodMs }, now) : request.limit;
  }

  private store(request: BucketRequest, tokens: number, now: number): void {
    this.buckets.set(request.key, { tokens, at: now, limit: request.limit, periodMs: request.periodMs });
  }

  /** A bucket that has refilled completely is the same as no bucket: forgetting it changes nothing. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) if (refilled(bucket, now) >= bucket.limit) this.buckets.delete(key);
  }
}
