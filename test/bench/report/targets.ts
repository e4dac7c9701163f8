import type { BuilderFigures } from "../sections/builder.ts";
import type { ChatRow } from "../workloads/chat-resume.ts";
import type { LiveRow } from "../workloads/live-data.ts";

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
  /** How far off, when not met. */
  by: string;
}

const times = (value: number, limit: number) => `${(value / limit).toFixed(1)}x the limit`;

/** The targets, checked against this run's figures (only those the run measured). */
export function checkTargets(live: LiveRow[], chat: ChatRow[], builder: BuilderFigures | null): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const row = (target: string, transport: string, n: number, rate: number) =>
    live.find((r) => r.target === target && r.transport === transport && r.subscribers === n && r.rate === rate && r.seconds < 30);
  const at500 = row("ours", "sse", 500, 100);
  if (at500) {
    checks.push({
      target: "p99 < 100 ms at 500 subscribers x 100 writes/s (SSE)",
      measured: `${at500.delivery.p99} ms`,
      met: at500.delivery.p99 < 100 && at500.delivered === at500.expected,
      by: times(at500.delivery.p99, 100),
    });
  }
  for (const ours of live.filter((r) => r.target === "ours" && r.seconds < 30)) {
    const base = row("redis", ours.transport, ours.subscribers, ours.rate);
    if (!base) continue;
    const ratio = ours.delivery.p99 / base.delivery.p99;
    checks.push({
      target: `p99 ours / redis <= 1.0 (${ours.transport} ${ours.subscribers} x ${ours.rate}/s)`,
      measured: ratio.toFixed(2),
      met: ratio <= 1,
      by: `${ratio.toFixed(1)}x`,
    });
  }
  const sustained = live.find((r) => r.target === "ours" && r.seconds >= 30);
  if (sustained) {
    const lost = sustained.expected - sustained.delivered + sustained.insertErrors * sustained.subscribers;
    checks.push({
      target: `${sustained.rate} writes/s for ${sustained.seconds} s at ${sustained.subscribers} subscribers, 0 loss/dup/reorder`,
      measured: `${sustained.achievedRate} writes/s, lost ${lost}, dup ${sustained.duplicates}, reordered ${sustained.reordered}`,
      met: sustained.achievedRate >= sustained.rate * 0.98 && lost === 0 && sustained.duplicates === 0 && sustained.reordered === 0,
      by: `${((sustained.achievedRate / sustained.rate) * 100).toFixed(0)}% of the rate, ${lost} deliveries missing`,
    });
  }
  const held = builder?.held.find((h) => h.target === "ours");
  if (held) checks.push({ target: `${held.subscribers} subscribers open in < 0.5 s`, measured: `${held.openMs} ms`, met: held.openMs < 500, by: times(held.openMs, 500) });
  for (const reader of ["mid", "end"] as const) {
    const ours = chat.find((r) => r.target === "ours" && r.reader === reader);
    const base = chat.find((r) => r.target === "resumable-stream" && r.reader === reader);
    if (ours && base) {
      const ratio = ours.catchUpMs / base.catchUpMs;
      checks.push({ target: `chat catch-up (${reader}) ours / resumable-stream <= 1.0`, measured: ratio.toFixed(2), met: ratio <= 1, by: `${ratio.toFixed(1)}x` });
    }
  }
  return checks;
}
