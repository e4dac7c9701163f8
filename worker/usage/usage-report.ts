import { NO_USER, type ModelUsageDailyDoc } from "./usage-ledger.ts";
import { DEMO_MODEL } from "../../shared/api/model-pricing.ts";
import { DEMO_MODEL_LABEL, type UsageGroupBy, type UsageRow } from "../../shared/api/usage.ts";

export interface UsageLabels {
  apps: Map<string, string>;
  users: Map<string, string>;
}

const keyOf = (doc: ModelUsageDailyDoc, groupBy: UsageGroupBy): string =>
  groupBy === "app" ? doc.appId : groupBy === "user" ? doc.userId : groupBy === "day" ? doc.day : doc.model;

function labelOf(key: string, groupBy: UsageGroupBy, labels: UsageLabels): string {
  if (groupBy === "app") return labels.apps.get(key) ?? "Deleted app";
  if (groupBy === "user") return key === NO_USER ? "Not charged to anyone" : (labels.users.get(key) ?? "Former member");
  if (groupBy === "model" && key === DEMO_MODEL) return DEMO_MODEL_LABEL;
  return key;
}

const micro = (n: number) => Math.round(n * 1e6) / 1e6;

/** Sums day rollups by one key; days in calendar order, everything else by cost, dearest first. */
export function groupUsage(docs: ModelUsageDailyDoc[], groupBy: UsageGroupBy, labels: UsageLabels): UsageRow[] {
  const rows = new Map<string, UsageRow>();
  for (const doc of docs) {
    const key = keyOf(doc, groupBy);
    const row = rows.get(key) ?? { key, label: labelOf(key, groupBy, labels), inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, calls: 0 };
    row.inputTokens += doc.inputTokens;
    row.outputTokens += doc.outputTokens;
    row.cacheReadTokens += doc.cacheReadTokens;
    row.cacheWriteTokens += doc.cacheWriteTokens;
    row.costUsd += doc.costUsd;
    row.calls += doc.calls;
    rows.set(key, row);
  }
  const list = [...rows.values()].map((row) => ({ ...row, costUsd: micro(row.costUsd) }));
  return groupBy === "day" ? list.sort((a, b) => a.key.localeCompare(b.key)) : list.sort((a, b) => b.costUsd - a.costUsd || a.key.localeCompare(b.key));
}

const CSV_COLUMNS = ["key", "label", "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "costUsd", "calls"] as const;

/** A cell as RFC 4180 wants it, and never read as a formula by a spreadsheet. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function usageCsv(rows: UsageRow[], groupBy: UsageGroupBy): string {
  const header = [groupBy, ...CSV_COLUMNS.slice(1)].join(",");
  const lines = rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(","));
  return `${[header, ...lines].join("\r\n")}\r\n`;
}
