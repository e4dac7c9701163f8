import { DurableObject } from "cloudflare:workers";
import type { Env } from "../platform/env.ts";
import { TokenBuckets, type BucketRequest, type TakeResult } from "./rate-limiter/token-bucket.ts";

/**
 * Request budgets for one scope (`ws:{workspaceId}`, `user:{userId}` or `addr:{client}`), one
 * round trip per request: every bucket the request counts against is checked and spent together.
 * Counters live in memory only: an object evicted after a quiet spell starts again with full
 * buckets, which is what an idle scope has anyway. See docs/security.md.
 */
export class RateLimiter extends DurableObject<Env> {
  private readonly buckets = new TokenBuckets();

  async take(requests: BucketRequest[], want = 1): Promise<TakeResult> {
    return this.buckets.take(requests, Date.now(), want);
  }
}
