/**
 * How long a 429 (or 503) asks the client to wait, in milliseconds, from its `Retry-After` header:
 * delay-seconds or an HTTP date. Null when the header is missing or unreadable.
 */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
