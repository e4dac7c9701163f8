// Benchmarks against a locally started platform (wrangler dev, embedded store). They print figures;
// nothing here asserts timing. `npm run bench` (add `-- --save` to refresh test/bench/baseline.json).
import { writeFileSync } from "node:fs";
import { createParser } from "eventsource-parser";
import { startPlatform } from "../../scripts/platform.mjs";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

const platform = await startPlatform({});
let cookie = "";
async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(platform.url + path, { method, headers: { cookie, "content-type": "application/json", origin: platform.url }, body: body === undefined ? undefined : JSON.stringify(body) });
  const set = response.headers.get("set-cookie");
  if (set) cookie = set.split(";")[0]!;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const results: Record<string, Record<string, number | string>> = {};
try {
  await call("POST", "/api/auth/identity", { displayName: "Bench", email: "bench@example.com" });
  const workspaceId = (await call("POST", "/api/workspaces", { name: "Bench" })).workspace.id;
  const appId = (await call("POST", `/api/workspaces/${workspaceId}/apps`, { name: "Bench" })).app.id;
  const data = `/api/workspaces/${workspaceId}/apps/${appId}/data`;

  // 1. Sequential REST inserts (guard + gateway + outbox).
  const sequential: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await call("POST", data, { collection: "bench", data: { i, name: `row ${i}` } });
    sequential.push(performance.now() - t);
  }
  results.insertSequential = { n: 200, p50: percentile(sequential, 50), p99: percentile(sequential, 99) };

  // 2. Concurrent inserts: throughput.
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < 400) {
        const i = next++;
        await call("POST", data, { collection: "bench", data: { i } });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  results.insertConcurrent = { n: 400, concurrency: 8, perSecond: Math.round(400 / seconds) };

  // 3. List of 600 documents, newest first.
  const lists: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await call("GET", `${data}?collection=bench`);
    lists.push(performance.now() - t);
  }
  results.list600 = { n: 20, p50: percentile(lists, 50), p99: percentile(lists, 99) };

  // 4. Write-to-live-event latency on the data stream (REST insert -> outbox -> Channel -> SSE).
  const controller = new AbortController();
  const stream = await fetch(`${platform.url}${data}/stream`, { headers: { cookie }, signal: controller.signal });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const parser = createParser({
    onEvent: (message) => {
      const event = JSON.parse(message.data) as { doc?: { probe?: number } };
      const probe = event.doc?.probe;
      if (probe !== undefined && sentAt.has(probe)) latencies.push(performance.now() - sentAt.get(probe)!);
    },
  });
  const reading = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of stream.body!) parser.feed(decoder.decode(chunk, { stream: true }));
  })().catch(() => undefined);
  for (let i = 0; i < 100; i++) {
    sentAt.set(i, performance.now());
    await call("POST", data, { collection: "live", data: { probe: i } });
  }
  const deadline = Date.now() + 10_000;
  while (latencies.length < 100 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  await reading;
  results.liveDelivery = { n: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
} finally {
  await platform.stop();
}

console.log("\nSecond benchmarks (wrangler dev, embedded store, this machine)\n");
for (const [name, figures] of Object.entries(results)) {
  console.log(
    `${name.padEnd(18)} ${Object.entries(figures)
      .map(([k, v]) => `${k}=${typeof v === "number" && /^p\d+$/.test(k) ? ms(v) : v}`)
      .join("  ")}`,
  );
}
if (process.argv.includes("--save")) {
  writeFileSync(new URL("./baseline.json", import.meta.url), `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
  console.log("\nsaved test/bench/baseline.json");
}
