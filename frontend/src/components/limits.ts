import { isApiError } from "../api/client.ts";

/** "120 / 2,000" under a field, so the limit is visible before anyone hits it. */
export const charCount = (value: string, max: number) => `${value.length.toLocaleString("en-US")} / ${max.toLocaleString("en-US")} characters`;

/** The API's field issues by top-level field name, to show inline where they belong. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  return Object.fromEntries(error.fields.map((f) => [f.path.split(".")[0] ?? f.path, f.message]));
}
