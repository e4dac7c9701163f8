/** What the Worker asks the RateLimiter object for, and its answer. */
/** One limit on one bucket: at most `limit` requests per `periodMs`, refilled continuously. */
export interface BucketRequest {
  key: string;
  limit: number;
  periodMs: number;
}

/** `granted`: how many requests' worth was taken from every bucket (1 up to what was asked for). */
export type TakeResult = { ok: true; granted: number } | { ok: false; key: string; retryAfterMs: number };
