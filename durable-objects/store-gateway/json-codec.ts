/**
 * Documents are stored as JSON text. A Date becomes a tagged ISO string, which keeps dates sorting
 * chronologically inside SQLite indexes (ISO 8601 is lexicographically ordered). The tag starts with
 * a private-use character; a stored string that starts with that character is escaped by doubling
 * it, so no string an app writes can ever read back as a date (docs/decisions/0008).
 */
const TAG = "\uE000";
const DATE_MARK = `${TAG}date:`;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function encodeScalar(value: unknown): unknown {
  if (value instanceof Date) return DATE_MARK + value.toISOString();
  if (typeof value === "string" && value.startsWith(TAG)) return TAG + value;
  return value;
}

export function decodeString(value: string): string | Date {
  if (!value.startsWith(TAG)) return value;
  if (value.startsWith(TAG + TAG)) return value.slice(TAG.length);
  if (value.startsWith(DATE_MARK)) {
    const iso = value.slice(DATE_MARK.length);
    if (ISO.test(iso)) return new Date(iso);
  }
  // Written before escaping existed and not a date: it was stored as is.
  return value;
}

export function encodeDoc(doc: unknown): string {
  return JSON.stringify(doc, function (this: Record<string, unknown>, key, value: unknown) {
    return encodeScalar(this[key] instanceof Date ? this[key] : value);
  });
}

export function decodeDoc<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => (typeof value === "string" ? decodeString(value) : value)) as T;
}

/** A filter value as SQLite sees it inside the stored JSON (for index lookups). */
export function sqlValue(value: unknown): string | number | null {
  if (value instanceof Date || typeof value === "string") return encodeScalar(value) as string;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  return null;
}
