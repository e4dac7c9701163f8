import type { BenchOptions } from "../lib/options.ts";
import { printTable, ratio } from "../lib/table.ts";
import type { LiveTarget } from "../targets/live-target.ts";
import { runLive, type LiveRow } from "../workloads/live-data.ts";

/** Every (transport, subscribers, rate) row against each target, one target after the other. */
export async function liveSection(targets: LiveTarget[], options: BenchOptions): Promise<LiveRow[]> {
  const rows: LiveRow[] = [];
  for (const transport of options.transports) {
    for (const subscribers of options.subscribers) {
      for (const rate of options.rates) {
        for (const target of targets) {
          if (!target.transports.includes(transport)) continue;
          const row = await runLive(target, transport, subscribers, rate, options.seconds, options.drainTimeoutMs);
          rows.push(row);
          console.log(
            `  ${target.label} ${transport} ${subscribers} x ${rate}/s: p50 ${row.delivery.p50} p99 ${row.delivery.p99} ms, ${row.delivered}/${row.expected}, CPU: ${target.label} ${row.targetCpuPct}%, bench client ${row.clientCpuPct}%`,
          );
          reportInsertErrors(row);
        }
      }
    }
  }
  if (options.sustained) {
    const { subscribers, rate, seconds } = options.sustained;
    for (const target of targets) {
      const row = await runLive(target, "sse", subscribers, rate, seconds, options.drainTimeoutMs);
      rows.push(row);
      console.log(`  sustained ${target.label}: ${row.delivered}/${row.expected}, dup ${row.duplicates}, reordered ${row.reordered}, p99 ${row.delivery.p99} ms`);
      reportInsertErrors(row);
    }
  }
  return rows;
}

/** A refused or failed insert is printed, never only counted: a client told "failed" for a stored write is a bug to find. */
function reportInsertErrors(row: LiveRow): void {
  if (row.insertErrors === 0) return;
  console.log(`    ${row.insertErrors} insert(s) failed (the platform log: bench/results/last/platform.log); first: ${row.insertErrorSamples.join(" | ")}`);
}

const key = (r: LiveRow) => `${r.transport} ${r.subscribers} x ${r.rate}/s${r.seconds >= 30 ? ` (${r.seconds} s)` : ""}`;

export function printLive(rows: LiveRow[]): void {
  const groups = new Map<string, Map<string, LiveRow>>();
  for (const row of rows) {
    const group = groups.get(key(row)) ?? groups.set(key(row), new Map()).get(key(row))!;
    group.set(row.target, row);
  }
  const cell = (r: LiveRow | undefined, f: (r: LiveRow) => string | number) => (r ? String(f(r)) : "skipped");
  printTable(
    "Live data: one writer, N subscribers of one app's feed. Latency = insert sent -> event received (ms). ratio = ours / redis.",
    [...groups].map(([name, group]) => {
      const ours = group.get("ours");
      const base = group.get("redis");
      return {
        row: name,
        "ours p50/p99/max": cell(ours, (r) => `${r.delivery.p50}/${r.delivery.p99}/${r.delivery.max}`),
        "redis p50/p99/max": cell(base, (r) => `${r.delivery.p50}/${r.delivery.p99}/${r.delivery.max}`),
        "p99 ratio": ratio(ours?.delivery.p99, base?.delivery.p99),
        "ours got/exp dup reord": cell(ours, (r) => `${r.delivered}/${r.expected} ${r.duplicates} ${r.reordered}`),
        "redis got/exp dup reord": cell(base, (r) => `${r.delivered}/${r.expected} ${r.duplicates} ${r.reordered}`),
        "insert p99 ours/redis": `${cell(ours, (r) => r.insert.p99)}/${cell(base, (r) => r.insert.p99)}`,
        "writes/s ours/redis": `${cell(ours, (r) => r.achievedRate)}/${cell(base, (r) => r.achievedRate)}`,
        "open ms ours/redis": `${cell(ours, (r) => r.openMs)}/${cell(base, (r) => r.openMs)}`,
      };
    }),
  );
}
