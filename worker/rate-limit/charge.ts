import type { Env } from "../../platform/env.ts";
import { RateLimitedError } from "../../platform/api-error.ts";
import { log } from "../../platform/log.ts";
import { limitFor, type LimitName } from "./limits.ts";
import type { BucketRequest } from "../../platform/rate-limit/buckets.ts";
import { TokenLeases } from "./leases.ts";

/** This isolate's leased tokens (see leases.ts). */
const leases = new TokenLeases();

/** One budget a request spends: which limit, which bucket in the scope, and how to name it to a person. */
export interface Charge {
  limit: LimitName;
  bucket: string;
  label: string;
}

/**
 * Spends one unit of every budget, from this isolate's lease or in the scope's RateLimiter (one
 * round trip), or refuses with 429 and the wait. If the limiter itself fails, the request goes
 * ahead and the failure is logged: a broken counter must not take the product down with it.
 */
export async function charge(env: Env, scope: string, charges: Charge[]): Promise<void> {
  const requests: (BucketRequest & { label: string })[] = [];
  for (const c of charges) {
    const limit = limitFor(env, c.limit);
    if (limit) requests.push({ key: c.bucket, label: c.label, ...limit });
  }
  if (requests.length === 0) return;
  const buckets = requests.map(({ key, limit, periodMs }) => ({ key, limit, periodMs }));
  const outcome = await leases
    .spend(scope, buckets, (wanted, want) => env.RATE_LIMITER.getByName(scope).take(wanted, want))
    .catch((error: unknown) => {
      log("warn", "rate limiter unavailable; request allowed", { scope, error: error instanceof Error ? error.message : String(error) });
      return { ok: true as const, granted: 1 };
    });
  if (outcome.ok) return;
  const seconds = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000));
  const label = requests.find((r) => r.key === outcome.key)?.label ?? "requests";
  throw new RateLimitedError(seconds, `Too many ${label} right now. Try again in ${seconds} s.`);
}
