/** The app's data model (see src/app-spec.ts) and the helpers every view shares. */
export type FieldKind = "text" | "longtext" | "number" | "amount" | "date" | "boolean" | "email" | "choice";

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  /** The choices of a "choice" field, in workflow order. */
  options?: string[];
}

export interface AppSpec {
  title: string;
  subtitle: string;
  /** One entry, in words ("expense approval"). */
  item: string;
  collection: string;
  layout: "table" | "board" | "log";
  fields: FieldSpec[];
  /** The field that names an entry (card titles, delete confirmations). */
  primaryKey: string;
  /** The workflow field the board groups by and the filters offer first. */
  statusKey?: string;
  /** A background agent (agents.json) that scores entries; the app starts it with useAgent. */
  agent?: AgentSpec;
  /** An outside CRM (integration-setup.json + an agents.json app tool) the app looks contacts up in. */
  integration?: IntegrationSpec;
}

export interface IntegrationSpec {
  domain: string;
  /** Where the tool's calls go: https://<domain>, or the local stand-in's origin. */
  apiOrigin: string;
  toolName: string;
}

export interface AgentSpec {
  id: string;
  name: string;
}

export type Entry = { _id: string; _pending?: boolean } & Record<string, unknown>;
export type Draft = Record<string, string | boolean>;

export const today = (): string => new Date().toISOString().slice(0, 10);

export function emptyDraft(fields: FieldSpec[]): Draft {
  const draft: Draft = {};
  for (const field of fields) {
    if (field.kind === "boolean") draft[field.key] = false;
    else if (field.kind === "choice") draft[field.key] = field.options?.[0] ?? "";
    else if (field.kind === "date") draft[field.key] = today();
    else draft[field.key] = "";
  }
  return draft;
}

/** The document to store for a draft, or the first problem in words. */
export function draftToData(spec: AppSpec, draft: Draft): { data: Record<string, unknown> } | { problem: string } {
  const data: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const raw = draft[field.key];
    if (field.kind === "boolean") {
      data[field.key] = raw === true;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (field.key === spec.primaryKey && !text) return { problem: `${field.label} is required.` };
    if (!text) continue;
    if (field.kind === "number" || field.kind === "amount") {
      const value = Number(text);
      if (!Number.isFinite(value)) return { problem: `${field.label} must be a number.` };
      data[field.key] = value;
    } else if (field.kind === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
      return { problem: `${field.label} must be an email address.` };
    } else data[field.key] = text;
  }
  return { data };
}

const amountFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatValue(field: FieldSpec, value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  switch (field.kind) {
    case "amount":
      return typeof value === "number" ? amountFormat.format(value) : String(value);
    case "number":
      return typeof value === "number" ? value.toLocaleString() : String(value);
    case "boolean":
      return value === true ? "Yes" : "No";
    case "date": {
      const date = new Date(`${String(value)}T00:00:00`);
      return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
    }
    default:
      return String(value);
  }
}

export const sumOf = (entries: Entry[], key: string): number => entries.reduce((total, entry) => total + (typeof entry[key] === "number" ? (entry[key] as number) : 0), 0);

const TONES = [
  "bg-sky-50 text-sky-700 ring-sky-200",
  "bg-amber-50 text-amber-800 ring-amber-200",
  "bg-emerald-50 text-emerald-700 ring-emerald-200",
  "bg-rose-50 text-rose-700 ring-rose-200",
  "bg-violet-50 text-violet-700 ring-violet-200",
  "bg-slate-100 text-slate-700 ring-slate-200",
];

/** A badge colour per choice, stable by its position in the workflow. */
export function toneFor(field: FieldSpec, value: unknown): string {
  const index = field.options?.indexOf(String(value)) ?? -1;
  return index === -1 ? "bg-slate-100 text-slate-600 ring-slate-200" : (TONES[index % TONES.length] ?? "");
}

export const fieldOf = (spec: AppSpec, key: string | undefined): FieldSpec | undefined => spec.fields.find((f) => f.key === key);

export const titleOf = (spec: AppSpec, entry: Entry): string => {
  const value = entry[spec.primaryKey];
  return value === undefined || value === null || value === "" ? `Untitled ${spec.item}` : String(value);
};
