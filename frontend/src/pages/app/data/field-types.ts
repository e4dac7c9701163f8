import type { ClientDoc } from "../../../../../shared/api/app-data.ts";

export type FieldType = "string" | "number" | "boolean" | "json";

export const fieldsOf = (doc: ClientDoc) => Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith("_")));

export function typeOf(value: unknown): FieldType {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  return "json";
}

/** The columns of the loaded documents, each typed by its first non-null value. */
export function columnsOf(docs: ClientDoc[]): { field: string; type: FieldType }[] {
  const types = new Map<string, FieldType>();
  for (const doc of docs) {
    for (const [field, value] of Object.entries(fieldsOf(doc))) {
      const known = types.get(field);
      if (known === undefined || (known === "json" && value !== null && value !== undefined)) types.set(field, value === null ? "json" : typeOf(value));
    }
  }
  return [...types].map(([field, type]) => ({ field, type }));
}

export function display(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
