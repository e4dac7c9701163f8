// Channel fan-out figures: publish rate, delivered messages per second and publish-to-delivery
// latency, for a few subscriber counts, over SSE and over WebSockets. It prints figures; it
// asserts nothing about timing (only that every subscriber got every event, in order).
//
//   npx node --import tsx test/bench/channel-fanout.ts [subscriber counts, default 1,10,100,500]
//
// The Channel runs alone in workerd (Miniflare, started from code, with a ten-line Worker that
// forwards /publish and /subscribe to it, no auth); publisher and subscribers are this Node
// process, talking real HTTP and WebSockets to it. Latency is measured on one clock: Node's.
// The subscribers share this process's event loop with the publisher, so at high subscriber
// counts the figures are bounded by Node's SSE and WebSocket clients as much as by the Channel.
// "loaded": batches published back to back; "idle": one event at a time, each fully delivered.
// deliveries/s counts events times subscribers.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { createParser } from "eventsource-parser";
import { Miniflare, convertV4MiniflareOptions } from "miniflare";
import type { ChannelFrame } from "../../shared/realtime/channel-frames.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const counts = (process.argv[2] ?? "1,10,100,500").split(",").map(Number);
const EVENTS = 2_000;
const BATCH = 20;
const PROBES = 100;

const entry = `
export { Channel } from "./durable-objects/channel.ts";
export default {
  async fetch(request, env) {
    const [, action, name] = new URL(request.url).pathname.split("/");
    const channel = env.CHANNEL.getByName(name);
    if (action === "publish") return Response.json(await channel.publish(await request.json()));
    return channel.fetch(request);
  },
};`;

type Transport = "sse" | "ws";
interface Tally {
  delivered: number;
  latencies: number[];
  outOfOrder: number;
}
interface Payload {
  n: number;
  sentAt: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

async function until(check: () => boolean, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function subscribe(base: string, name: string, transport: Transport, tally: Tally): Promise<() => void> {
  let last = 0;
  const onEvent = (seq: number, data: Payload) => {
    const now = performance.now();
    if (seq !== last + 1) tally.outOfOrder++;
    last = seq;
    tally.delivered++;
    tally.latencies.push(now - data.sentAt);
  };
  if (transport === "ws") {
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/subscribe/${name}?frames=batch`);
    ws.addEventListener("message", (event) => {
      const frame = JSON.parse(String(event.data)) as ChannelFrame;
      if (frame.type === "event") onEvent(frame.seq, frame.data as Payload);
      if (frame.type === "events") for (const e of frame.events) onEvent(e.seq, e.data as Payload);
    });
    await new Promise((resolve, reject) => {
      ws.addEventListener("open", resolve, { once: true });
      ws.addEventListener("error", reject, { once: true });
    });
    return () => ws.close(1000, "done");
  }
  const controller = new AbortController();
  const response = await fetch(`${base}/subscribe/${name}`, { signal: controller.signal });
  const parser = createParser({ onEvent: (message) => onEvent(Number(message.id), JSON.parse(message.data) as Payload) });
  const decoder = new TextDecoder();
  void (async () => {
    for await (const chunk of response.body!) parser.feed(decoder.decode(chunk, { stream: true }));
  })().catch(() => undefined);
  return () => controller.abort();
}

async function run(base: string, transport: Transport, subscribers: number) {
  const name = `bench-${transport}-${subscribers}`;
  const publish = async (events: { data: Payload }[]) => {
    const response = await fetch(`${base}/publish/${name}`, { method: "POST", body: JSON.stringify(events) });
    if (!response.ok) throw new Error(`publish: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const tally: Tally = { delivered: 0, latencies: [], outOfOrder: 0 };
  const closers = [];
  for (let i = 0; i < subscribers; i++) closers.push(await subscribe(base, name, transport, tally));

  // Loaded: batches published back to back, each awaited (as the outbox and the relay do).
  const t0 = performance.now();
  for (let n = 1; n <= EVENTS; n += BATCH) {
    const sentAt = performance.now();
    await publish(Array.from({ length: BATCH }, (_, k) => ({ data: { n: n + k, sentAt } })));
  }
  const publishedMs = performance.now() - t0;
  await until(() => tally.delivered === EVENTS * subscribers, `${transport} x${subscribers}: all deliveries`);
  const deliveredMs = performance.now() - t0;
  const loaded = tally.latencies;

  // Idle: one event at a time, the next once every subscriber has the previous one.
  tally.latencies = [];
  for (let i = 1; i <= PROBES; i++) {
    await publish([{ data: { n: EVENTS + i, sentAt: performance.now() } }]);
    await until(() => tally.delivered === (EVENTS + i) * subscribers, `${transport} x${subscribers}: probe ${i}`);
  }
  const idle = tally.latencies;
  for (const close of closers) close();
  if (tally.outOfOrder) throw new Error(`${transport} x${subscribers}: ${tally.outOfOrder} deliveries out of order`);

  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    transport,
    subscribers,
    "published ev/s": Math.round(EVENTS / (publishedMs / 1000)),
    "deliveries/s": Math.round((EVENTS * subscribers) / (deliveredMs / 1000)),
    "loaded p50 ms": round(percentile(loaded, 50)),
    "loaded p99 ms": round(percentile(loaded, 99)),
    "idle p50 ms": round(percentile(idle, 50)),
    "idle p99 ms": round(percentile(idle, 99)),
  };
}

const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync(`${root}/wrangler.toml`, "utf8"))?.[1];
const bundle = await build({
  stdin: { contents: entry, resolveDir: root, loader: "js" },
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["cloudflare:*"],
  write: false,
});
// Miniflare 5 takes a new options shape; the classic (v4) one converts to it.
const mf = new Miniflare(
  convertV4MiniflareOptions({
    port: 0,
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate,
    compatibilityFlags: ["nodejs_compat"],
    durableObjects: { CHANNEL: { className: "Channel", useSQLite: true } },
  }),
);
try {
  const base = (await mf.ready).origin;
  const rows = [];
  for (const subscribers of counts) for (const transport of ["sse", "ws"] as const) rows.push(await run(base, transport, subscribers));
  console.log(`\nChannel fan-out: ${EVENTS} events in batches of ${BATCH} (loaded), then ${PROBES} single events one at a time (idle)\n`);
  console.table(rows);
} finally {
  await mf.dispose();
}
