import { summarize, sleep, until, type Summary } from "../lib/stats.ts";
import type { LiveTarget, Transport } from "../targets/live-target.ts";

export interface LiveRow {
  target: string;
  transport: Transport;
  subscribers: number;
  rate: number;
  seconds: number;
  writes: number;
  /** Writes per second the writer achieved (below `rate` when inserts could not keep up). */
  achievedRate: number;
  openMs: number;
  delivery: Summary;
  delivered: number;
  expected: number;
  duplicates: number;
  reordered: number;
  insert: Summary;
  insertErrors: number;
  /** The first few refused or failed inserts, as the client saw them (status and body), to explain insertErrors. */
  insertErrorSamples: string[];
  /** After the last write: how long until every subscriber had every write (or the drain timeout). */
  drainMs: number;
  rssMiB: number;
  /** The bench process's own CPU from the first write to the drain, as % of one core: near 100, the client is the bound. */
  clientCpuPct: number;
  /** The target's processes' CPU over the same span, as % of one core (workerd runs on one thread). */
  targetCpuPct: number;
}

const MAX_IN_FLIGHT = 256;

/**
 * One writer inserting at `rate`/s for `seconds` (open loop: a write is sent on schedule whether or
 * not earlier ones were acknowledged, up to 256 in flight), N subscribers of the same feed. Every
 * subscriber checks each write arrives once and in order; latency is insert sent -> event received,
 * on this process's clock.
 */
export async function runLive(target: LiveTarget, transport: Transport, subscribers: number, rate: number, seconds: number, drainTimeoutMs: number): Promise<LiveRow> {
  const feed = await target.feed(`live-${transport}-${subscribers}-${rate}-${Date.now()}`);
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let delivered = 0;
  let duplicates = 0;
  let reordered = 0;

  // Concurrent inserts commit in any order, so order is checked against the feed's own: every
  // subscriber must receive the writes in the same order as the first one.
  const orders = Array.from({ length: subscribers }, () => ({ seen: new Uint8Array(total + 1), order: new Int32Array(total), length: 0 }));
  const openStart = performance.now();
  const closers = await Promise.all(
    orders.map((state) =>
      feed.open(transport, (n, sentAt) => {
        if (n > total) return;
        const now = performance.now();
        if (state.seen[n]) {
          duplicates++;
          return;
        }
        state.seen[n] = 1;
        state.order[state.length++] = n;
        delivered++;
        latencies.push(now - sentAt);
      }),
    ),
  );
  const openMs = performance.now() - openStart;
  await sleep(200); // let every stream settle before the first write

  const insertLatencies: number[] = [];
  let insertErrors = 0;
  const insertErrorSamples: string[] = [];
  let inFlight = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const targetCpu0 = target.cpuSeconds();
  for (let n = 1; n <= total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
    while (n <= due && inFlight < MAX_IN_FLIGHT) {
      const sentAt = performance.now();
      inFlight++;
      feed
        .insert({ n, sentAt })
        .then(() => insertLatencies.push(performance.now() - sentAt))
        .catch((error: unknown) => {
          insertErrors++;
          if (insertErrorSamples.length < 5) insertErrorSamples.push((error instanceof Error ? error.message : String(error)).slice(0, 300));
        })
        .finally(() => inFlight--);
      n++;
    }
    await sleep(1);
  }
  await until(() => inFlight === 0, 60_000);
  const writeSeconds = (performance.now() - t0) / 1000;
  const lastWrite = performance.now();
  const expected = (total - insertErrors) * subscribers;
  await until(() => delivered >= expected, drainTimeoutMs);
  const drainMs = performance.now() - lastWrite;
  const cpu = process.cpuUsage(cpu0);
  const spanMs = performance.now() - t0;
  const clientCpuPct = Math.round(((cpu.user + cpu.system) / 1000 / spanMs) * 100);
  const targetCpuPct = Math.round((((target.cpuSeconds() - targetCpu0) * 1000) / spanMs) * 100);
  const rssMiB = target.rssMiB();
  for (const close of closers) close();
  const reference = orders[0]!;
  for (const state of orders.slice(1)) {
    for (let k = 0; k < Math.min(state.length, reference.length); k++) if (state.order[k] !== reference.order[k]) reordered++;
  }

  return {
    target: target.label,
    transport,
    subscribers,
    rate,
    seconds,
    writes: total,
    achievedRate: Math.round(total / writeSeconds),
    openMs: Math.round(openMs),
    delivery: summarize(latencies),
    delivered,
    expected,
    duplicates,
    reordered,
    insert: summarize(insertLatencies),
    insertErrors,
    insertErrorSamples,
    drainMs: Math.round(drainMs),
    rssMiB,
    clientCpuPct,
    targetCpuPct,
  };
}
