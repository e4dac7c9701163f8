import { ApiError } from "../api-error.ts";

/** An opaque page cursor: the (date, id) sort key of the last item a page returned. */
export const encodeCursor = (at: Date, id: string) => btoa(JSON.stringify([at.toISOString(), id]));

const refused = () => new ApiError("validation_failed", "The cursor is not one this API returned.", [{ path: "cursor", message: "Invalid cursor" }]);

export function decodeCursor(cursor: string): [Date, string] {
  let value: unknown;
  try {
    value = JSON.parse(atob(cursor));
  } catch {
    throw refused();
  }
  if (!Array.isArray(value) || value.length !== 2) throw refused();
  const [at, id] = value as unknown[];
  if (typeof at !== "string" || typeof id !== "string" || id.length === 0) throw refused();
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) throw refused();
  return [date, id];
}
