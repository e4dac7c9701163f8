// Closed-loop write throughput: C concurrent writers insert into one app for S seconds through the
// platform `npm start` runs, with the CPU seconds each platform process spent per write. Figures only.
//
//   node --import tsx test/bench/write-loop.ts [concurrency=16] [seconds=5]
//
// LOOP_GET=<path> measures a GET instead ({ws} and {app} are replaced; any status under 500 counts),
// e.g. LOOP_GET=/api/workspaces/{ws} for the request floor without a Durable Object call.
import { startPlatform } from "../../scripts/platform.mjs";
import { treeCpuSeconds } from "./lib/process-tree.ts";
import { BENCH_PLATFORM_ENV, PlatformClient } from "./targets/ours.ts";

const [concurrency = 16, seconds = 5] = process.argv.slice(2).map(Number);
const get = process.env.LOOP_GET;
const ids = { workspaceId: "", appId: "" };

async function loop(client: PlatformClient, path: string) {
  let writes = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const response = get
          ? await client.raw("GET", get.replace("{ws}", ids.workspaceId).replace("{app}", ids.appId))
          : await client.raw("POST", path, { collection: "bench", data: { n: writes, at: Date.now() } });
        const text = await response.text();
        if (get ? response.status < 500 : response.status === 201) writes++;
        else if (errors++ < 3) console.log(`  refused or failed: ${response.status} ${text.slice(0, 300)}`);
      }
    }),
  );
  return { writes, errors };
}

const platform = await startPlatform({
  output: (name, line) => process.env.LOOP_LOG && console.log(`[${name}] ${line}`),
  env: BENCH_PLATFORM_ENV,
  ...(process.env.PERSIST ? { persistTo: process.env.PERSIST } : {}),
});
try {
  const client = new PlatformClient(platform.url);
  const workspaceId = await client.signIn();
  const appId = await client.createApp(workspaceId, "write loop");
  const path = `/api/workspaces/${workspaceId}/apps/${appId}/data`;
  Object.assign(ids, { workspaceId, appId });
  await loop(client, path); // warm
  const before = treeCpuSeconds(platform.pids);
  const { writes, errors } = await loop(client, path);
  const after = treeCpuSeconds(platform.pids);
  console.log(`${writes} writes in ${seconds} s = ${(writes / seconds).toFixed(0)}/s, ${errors} errors, concurrency ${concurrency}`);
  const byName = new Map<string, number>();
  for (const [pid, p] of after) byName.set(p.name, (byName.get(p.name) ?? 0) + p.seconds - (before.get(pid)?.seconds ?? 0));
  for (const [name, s] of byName) if (s > 0) console.log(`  ${name.padEnd(40)} ${s.toFixed(2)} s CPU, ${((s / Math.max(1, writes)) * 1e6).toFixed(0)} us per write`);
} finally {
  await platform.stop();
}
