import { MAX_DOC_BYTES } from "../api/app-data.ts";
import { jsonShapeIssue } from "../api/json-limits.ts";

export type DocLimitIssue = { kind: "too_large"; bytes: number } | { kind: "bad_shape"; path: string; message: string };

const encoder = new TextEncoder();

/** Size of a document's data as stored and sent (UTF-8 JSON). */
export const docBytes = (data: Record<string, unknown>) => encoder.encode(JSON.stringify(data)).length;

/**
 * The one check every app-data write passes, whoever writes (the app, the REST API, an agent):
 * the complete document after the write fits MAX_DOC_BYTES and keeps the JSON limits.
 */
export function docLimitIssue(data: Record<string, unknown>): DocLimitIssue | null {
  const shape = jsonShapeIssue(data);
  if (shape) return { kind: "bad_shape", path: shape.path === "(body)" ? "data" : `data.${shape.path}`, message: shape.message };
  const bytes = docBytes(data);
  return bytes > MAX_DOC_BYTES ? { kind: "too_large", bytes } : null;
}
