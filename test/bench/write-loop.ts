// Closed-loop write throughput: C concurrent writers insert into one app for S seconds, once through
// the URL `npm start` serves (wrangler's dev proxy) and once straight at the Worker's workerd,
// with the CPU seconds each platform process spent per write. Figures only.
//
//   node --import tsx test/bench/write-loop.ts [concurrency=16] [seconds=5]
import { execFileSync } from "node:child_process";
import { startPlatform } from "../../scripts/platform.mjs";
import { processTree, treeCpuSeconds } from "./lib/process-tree.ts";
import { BENCH_PLATFORM_ENV, PlatformClient } from "./targets/ours.ts";

const [concurrency = 16, seconds = 5] = process.argv.slice(2).map(Number);

/** The loopback ports the given processes listen on (from `ss`). */
function listeningPorts(pids: number[]): Map<number, number[]> {
  const out = execFileSync("ss", ["-ltnpH"], { encoding: "utf8" });
  const ports = new Map<number, number[]>();
  for (const line of out.split("\n")) {
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]);
    const pid = Number(/pid=(\d+)/.exec(line)?.[1]);
    if (port && pids.includes(pid)) ports.set(pid, [...(ports.get(pid) ?? []), port]);
  }
  return ports;
}

async function loop(client: PlatformClient, path: string) {
  let writes = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const response = await client.raw("POST", path, { collection: "bench", data: { n: writes, at: Date.now() } });
        await response.arrayBuffer();
        if (response.status === 201) writes++;
        else errors++;
      }
    }),
  );
  return { writes, errors };
}

const platform = await startPlatform({ env: BENCH_PLATFORM_ENV, ...(process.env.PERSIST ? { persistTo: process.env.PERSIST } : {}) });
try {
  const client = new PlatformClient(platform.url);
  const workspaceId = await client.signIn();
  const appId = await client.createApp(workspaceId, "write loop");
  const path = `/api/workspaces/${workspaceId}/apps/${appId}/data`;
  const tree = processTree(platform.pids);
  const cpu = treeCpuSeconds(platform.pids);
  const worker = [...cpu].find(([, p]) => p.name === "workerd: Worker + Durable Objects")?.[0];
  const direct = worker ? (listeningPorts([worker]).get(worker) ?? []) : [];
  console.log(`proxy ${platform.url}; Worker workerd pid ${worker} listens on ${direct.join(", ")}; ${tree.length} processes`);
  const targets: [string, string][] = [["through the dev proxy", platform.url]];
  for (const port of direct) targets.push([`straight to workerd :${port}`, `http://127.0.0.1:${port}`]);
  for (const [label, url] of targets) {
    const target = client.at(url);
    const probe = await target.raw("GET", `/api/workspaces/${workspaceId}`).catch((error: unknown) => error);
    if (!(probe instanceof Response) || !probe.ok) {
      // workerd also listens for its own control and inspector traffic: only the Worker's port answers this.
      console.log(`${label}: not the Worker (${probe instanceof Response ? probe.status : String(probe)})`);
      continue;
    }
    await loop(target, path); // warm
    const before = treeCpuSeconds(platform.pids);
    const { writes, errors } = await loop(target, path);
    const after = treeCpuSeconds(platform.pids);
    console.log(`\n${label}: ${writes} writes in ${seconds} s = ${(writes / seconds).toFixed(0)}/s, ${errors} errors, concurrency ${concurrency}`);
    const byName = new Map<string, number>();
    for (const [pid, p] of after) byName.set(p.name, (byName.get(p.name) ?? 0) + p.seconds - (before.get(pid)?.seconds ?? 0));
    for (const [name, s] of byName) if (s > 0) console.log(`  ${name.padEnd(40)} ${s.toFixed(2)} s CPU, ${((s / writes) * 1e6).toFixed(0)} us per write`);
  }
} finally {
  await platform.stop();
}
