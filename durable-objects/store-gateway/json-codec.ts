/**
 * Documents are stored as JSON text. Dates survive the round trip as a marked ISO string, which
 * also sorts chronologically inside SQLite indexes (ISO 8601 is lexicographically ordered).
 */
const DATE_MARK = "\uE000date:";
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeDoc(doc: unknown): string {
  return JSON.stringify(doc, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? DATE_MARK + raw.toISOString() : value;
  });
}

export function decodeDoc<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === "string" && value.startsWith(DATE_MARK)) {
      const iso = value.slice(DATE_MARK.length);
      if (ISO.test(iso)) return new Date(iso);
    }
    return value;
  }) as T;
}

/** A filter value as SQLite sees it inside the stored JSON (for index lookups). */
export function sqlValue(value: unknown): string | number | null {
  if (value instanceof Date) return DATE_MARK + value.toISOString();
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" || typeof value === "number") return value;
  return null;
}
