import { RESET_DATA } from "../../shared/realtime/channel-frames.ts";

/**
 * Durable Object SQLite refuses a string or row above 2 MB. Rows that hold a JSON payload stay
 * below this many bytes of UTF-8, leaving room for the row's other columns.
 */
export const MAX_PAYLOAD_BYTES = 1_900_000;

export const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** A UTF-16 code unit is at most 3 bytes of UTF-8, so short strings skip the encoding. */
export function fitsInRow(json: string, maxBytes = MAX_PAYLOAD_BYTES): boolean {
  return json.length * 3 <= maxBytes || byteLength(json) <= maxBytes;
}

/** Raised when a payload cannot be stored and cannot be made smaller without changing its meaning. */
export class RowTooLargeError extends Error {
  constructor(what: string, bytes: number) {
    super(`${what} is ${bytes} bytes; a stored row holds at most ${MAX_PAYLOAD_BYTES}.`);
    this.name = "RowTooLargeError";
  }
}

/**
 * A channel announcement too large to store becomes `{"type":"reset"}`: every subscriber already
 * treats reset as "refetch from the source of truth", so the change is not lost, only delivered as
 * a refetch instead of in place.
 */
export const RESET_JSON = JSON.stringify(RESET_DATA);
export function announcementOrReset(json: string): string {
  return fitsInRow(json) ? json : RESET_JSON;
}
