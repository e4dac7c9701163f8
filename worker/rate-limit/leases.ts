import type { BucketRequest, TakeResult } from "../../platform/rate-limit/buckets.ts";

/** How long an isolate may hold leased tokens before they lapse (unspent ones are simply lost). */
export const LEASE_TTL_MS = 1000;
/** A lease is at most this share of the smallest limit it draws on: limits under 100 are never leased. */
const LEASE_SHARE = 100;

type Take = (requests: BucketRequest[], want: number) => Promise<TakeResult>;

interface Lease {
  tokens: number;
  expires: number;
  /** What the next lease asks for: doubles while leases run out before they lapse. */
  next: number;
  /** A refusal holds until then (buckets only refill with time), so a flood is answered here. */
  refused?: { key: string; until: number };
}

/**
 * Tokens taken ahead from the RateLimiter object and spent in this isolate (docs/decisions/0034):
 * a busy scope asks the object once per lease instead of once per request. Every leased token was
 * taken from every bucket of the set, so a limit is never exceeded; tokens that lapse unspent are
 * budget lost for at most one lease. Small limits (under LEASE_SHARE per period) get leases of one,
 * which is exactly the per-request behaviour. A refusal is remembered until its wait is over.
 */
export class TokenLeases {
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly maxLeases = 10_000) {}

  async spend(scope: string, requests: BucketRequest[], take: Take, now = Date.now()): Promise<TakeResult> {
    const key = `${scope}\n${requests.map((r) => `${r.key}\t${r.limit}\t${r.periodMs}`).join("\n")}`;
    const lease = this.leases.get(key);
    if (lease?.refused && lease.refused.until > now) return { ok: false, key: lease.refused.key, retryAfterMs: lease.refused.until - now };
    if (lease && lease.tokens > 0 && lease.expires > now) {
      lease.tokens--;
      return { ok: true, granted: 1 };
    }
    const cap = Math.max(1, Math.floor(Math.min(...requests.map((r) => r.limit)) / LEASE_SHARE));
    // Ran out while still valid: the scope is busy, ask for more next time; lapsed: start small again.
    const want = Math.min(cap, lease && lease.expires > now ? lease.next : 1);
    const result = await take(requests, want);
    if (!result.ok) {
      if (!lease && this.leases.size >= this.maxLeases) this.leases.clear();
      this.leases.set(key, { tokens: 0, expires: 0, next: 1, refused: { key: result.key, until: now + result.retryAfterMs } });
      return result;
    }
    if (cap > 1) {
      // Concurrent requests may each have taken a lease: keep what they took, none is wasted.
      const held = this.leases.get(key);
      const kept = held && held.expires > now ? held.tokens : 0;
      if (!held && this.leases.size >= this.maxLeases) this.leases.clear();
      this.leases.set(key, { tokens: kept + result.granted - 1, expires: now + LEASE_TTL_MS, next: Math.min(cap, want * 2) });
    }
    return { ok: true, granted: 1 };
  }
}
