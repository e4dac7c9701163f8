// `npm run bench -- [--quick] [--only=live,chat,builder] [--save]`: each workload against the
// platform (as `npm start` runs it: one local workerd, embedded store) and against the design it
// replaces (Node + Redis), side by side, with ratios. Figures only: nothing here asserts timing.
// Results go to bench/results/last/ (with --save, to bench/results/ as the committed reference);
// how to read them is docs/benchmarks.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { redisAvailable, startRedis, type RunningRedis } from "./baseline/redis-server.ts";
import { writeCharts } from "./report/charts.ts";
import { parseOptions } from "./lib/options.ts";
import { printTable } from "./lib/table.ts";
import { checkTargets } from "./report/targets.ts";
import { builderSection, printBuilder, type BuilderFigures } from "./sections/builder.ts";
import { chatSection, printChat, type ChatRow } from "./sections/chat.ts";
import { liveSection, printLive } from "./sections/live.ts";
import { startOurs, type Ours } from "./targets/ours.ts";
import { buildFrontendIfStale } from "../../scripts/frontend-build.mjs";
import { type ScriptedTurn, startScriptedModel } from "./lib/scripted-turn.ts";
import { startRedisBaseline } from "./targets/redis-baseline.ts";
import type { LiveTarget } from "./targets/live-target.ts";
import type { LiveRow } from "./workloads/live-data.ts";

const options = parseOptions(process.argv.slice(2));
const outDir = fileURLToPath(new URL(options.save ? "../../bench/results/" : "../../bench/results/last/", import.meta.url));
const results: { measuredAt: string; mode: string; machine: string; loadAverage: number[]; live: LiveRow[]; chat: ChatRow[]; builder: BuilderFigures | null; notes: string[] } = {
  measuredAt: new Date().toISOString(),
  mode: options.quick ? "quick" : "full",
  machine: `${cpus().length} cores, node ${process.version}`,
  loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  live: [],
  chat: [],
  builder: null,
  notes: [],
};
const note = (line: string) => {
  results.notes.push(line);
  console.log(line);
};

buildFrontendIfStale(); // the Worker serves frontend/dist as its assets
let redis: RunningRedis | null = null;
if (redisAvailable()) redis = await startRedis();
else note("SKIPPED: the Redis baselines (live data, chat resume): redis-server is not installed (apt-get install -y redis-server).");

const turns: ScriptedTurn[] = [];
const model = await startScriptedModel(() => turns.shift() ?? null);
let ours: Ours | null = null;
let baseline: LiveTarget | null = null;
try {
  ours = await startOurs(model.url);
  baseline = redis ? await startRedisBaseline(redis) : null;
  if (options.only.has("live")) results.live = await liveSection(baseline ? [ours.target, baseline] : [ours.target], options);
  if (options.only.has("chat")) results.chat = await chatSection({ ...ours, nextTurn: (turn) => turns.push(turn) }, redis, options);
  if (options.only.has("builder")) results.builder = await builderSection(ours.startMs, baseline ? [ours.target, baseline] : [ours.target]);
} finally {
  await ours?.stop();
  await baseline?.stop();
  await redis?.stop();
  model.server.close();
}

console.log(`\nSecond vs the Redis design, ${results.mode} run, ${results.machine}, load average at start ${results.loadAverage.join(" ")}`);
for (const line of results.notes) console.log(line);
if (results.live.length) printLive(results.live);
if (results.chat.length) printChat(results.chat);
if (results.builder) printBuilder(results.builder);
const targets = checkTargets(results.live, results.chat, results.builder);
printTable(
  "Targets (not met: by how much)",
  targets.map((t) => ({ target: t.target, measured: t.measured, met: t.met ? "yes" : "NO", by: t.met ? "" : t.by })),
);
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}/results.json`, `${JSON.stringify({ ...results, targets }, null, 2)}\n`);
const charts = await writeCharts(results, outDir);
console.log(`\nwrote ${outDir}results.json and ${charts.join(", ")}`);
