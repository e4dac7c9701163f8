// Where a delivery's cost goes: runs one live-data row against the platform while (1) counting the
// CPU seconds of every platform process (the Worker's workerd, the local runtime's Node process,
// the runner) and (2) sampling the Worker's workerd with the DevTools profiler through the
// Worker's inspector (opened for this run only). Prints CPU per process and the functions with the most self time. Figures only.
//
//   npm run bench:profile -- [subscribers=100] [writes/s=100] [seconds=5]
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { buildFrontendIfStale } from "../../scripts/frontend-build.mjs";
import { treeCpuSeconds } from "./lib/process-tree.ts";
import { printTable } from "./lib/table.ts";
import { startScriptedModel } from "./lib/scripted-turn.ts";
import { startOurs } from "./targets/ours.ts";
import { runLive } from "./workloads/live-data.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const root = fileURLToPath(new URL("../..", import.meta.url));
const [subscribers = 100, rate = 100, seconds = 5] = process.argv.slice(2).map(Number);

/** A minimal DevTools protocol client: one request at a time, answers matched by id. */
async function devtools(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error("the inspector lists no target");
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on("message", (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  return {
    send: <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve) => {
        const id = next++;
        waiting.set(id, (result) => resolve(result as T));
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

/**
 * Maps a line of the Worker bundle to the source module it came from: esbuild marks each module
 * with a `// path/to/module.ts` comment line.
 */
function moduleOfLine(): (line: number) => string {
  const dir = path.join(root, ".wrangler", "local-bundle");
  const bundles = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("index.js")) : [];
  const newest = bundles.map((f) => path.join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) return () => "";
  const starts: [number, string][] = [];
  readFileSync(newest, "utf8")
    .split("\n")
    .forEach((text, i) => {
      const marker = /^\/\/ ((?:node_modules\/)?[\w@./-]+\.[cm]?[jt]sx?)$/.exec(text);
      if (marker) starts.push([i, marker[1]!]);
    });
  return (line) => {
    let found = "";
    for (const [start, file] of starts) {
      if (start > line) break;
      found = file;
    }
    return found;
  };
}

function selfTimes(profile: Profile, moduleOf: (line: number) => string): { name: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const file = frame?.url ? moduleOf(frame.lineNumber) || frame.url.split("/").at(-1) : "";
    const name = frame ? `${frame.functionName || "(anonymous)"}${file ? ` ${file}` : ""}` : "?";
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

buildFrontendIfStale();
const model = await startScriptedModel(() => null);
const ours = await startOurs(model.url, true);
try {
  if (!ours.inspectorPort) throw new Error("the platform was started without an inspector");
  const inspector = await devtools(ours.inspectorPort);
  await inspector.send("Profiler.enable");
  await inspector.send("Profiler.setSamplingInterval", { interval: 200 });
  const before = treeCpuSeconds(ours.pids);
  await inspector.send("Profiler.start");
  const row = await runLive(ours.target, "sse", subscribers, rate, seconds, 20_000);
  const { profile } = await inspector.send<{ profile: Profile }>("Profiler.stop");
  const moduleOf = moduleOfLine();
  const after = treeCpuSeconds(ours.pids);
  inspector.close();
  // The whole profile, for DevTools (Performance panel → Load profile).
  const saved = path.join(root, "bench", "results", "last", "workerd.cpuprofile");
  mkdirSync(path.dirname(saved), { recursive: true });
  writeFileSync(saved, JSON.stringify(profile));

  const deliveries = row.delivered;
  const perProcess = new Map<string, number>();
  for (const [pid, usage] of after) perProcess.set(usage.name, (perProcess.get(usage.name) ?? 0) + usage.seconds - (before.get(pid)?.seconds ?? 0));
  console.log(
    `\n${subscribers} SSE subscribers x ${rate} writes/s for ${seconds} s: ${row.writes} writes, ${deliveries}/${row.expected} deliveries, p50 ${row.delivery.p50} ms, p99 ${row.delivery.p99} ms`,
  );
  printTable(
    "CPU per platform process during the row",
    [...perProcess].map(([name, cpu]) => ({
      process: name,
      "CPU s": cpu.toFixed(2),
      "us per write": Math.round((cpu * 1e6) / row.writes),
      "us per delivery": Math.round((cpu * 1e6) / Math.max(1, deliveries)),
    })),
  );
  const times = selfTimes(profile, moduleOf);
  const total = times.reduce((sum, t) => sum + t.ms, 0);
  printTable(
    "Self time in the Worker's workerd (DevTools profile), top 25",
    times.slice(0, 25).map((t) => ({ function: t.name.slice(0, 110), ms: Math.round(t.ms), share: `${((t.ms / total) * 100).toFixed(1)}%` })),
  );
} finally {
  await ours.stop();
  model.server.close();
}
