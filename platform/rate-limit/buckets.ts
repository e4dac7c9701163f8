/** What the Worker asks the RateLimiter object for, and its answer. */
/** One limit on one bucket: at most `limit` requests per `periodMs`, refilled continuously. */
export interface BucketRequest {
  key: string;
  limit: number;
  periodMs: number;
}

export type TakeResult = { ok: true } | { ok: false; key: string; retryAfterMs: number };
