/**
 * Identifiers: 20 characters, time-ordered (48-bit millisecond prefix) then random, URL-safe.
 * Sortable ids keep "newest first" cheap and make logs readable.
 */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export function newDocId(now = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(10));
  let tail = "";
  for (const byte of random) tail += ALPHABET[byte % 32]!;
  return time + tail;
}

/** A prefixed id for a kind of resource, e.g. `app_01h...`. */
export const newId = (prefix: string) => `${prefix}_${newDocId()}`;
