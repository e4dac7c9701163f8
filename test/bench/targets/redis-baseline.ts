import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { nodeBinary } from "../../../scripts/platform.mjs";
import type { RunningRedis } from "../baseline/redis-server.ts";
import { probes, readSse } from "../lib/probe-stream.ts";
import { treeCpuTotal, treeRssMiB } from "../lib/process-tree.ts";
import { openSocketAt } from "./ours.ts";
import type { LiveTarget } from "./live-target.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** The Node + Redis feed server (test/bench/baseline/feed-server.ts) as a live-data target. */
export async function startRedisBaseline(redis: RunningRedis): Promise<LiveTarget> {
  const child = spawn(nodeBinary(), ["--import", "tsx", "test/bench/baseline/feed-server.ts"], {
    cwd: root,
    env: { ...process.env, REDIS_URL: redis.url, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`the baseline feed server exited (${code})`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    label: "redis",
    transports: ["sse", "ws"],
    feed: async (name) => ({
      async insert(probe) {
        const response = await fetch(`${base}/${name}/insert`, { method: "POST", body: JSON.stringify({ collection: "bench", data: probe }) });
        if (response.status !== 201) throw new Error(`insert: ${response.status}`);
        await response.arrayBuffer();
      },
      async open(transport, listener) {
        if (transport === "ws") return openSocketAt(`ws://127.0.0.1:${port}/${name}/stream`, {}, (text) => probes(text, listener));
        const controller = new AbortController();
        const response = await fetch(`${base}/${name}/stream`, { signal: controller.signal });
        void readSse(response.body!, listener, { n: 0 }).catch(() => undefined);
        return () => controller.abort();
      },
    }),
    rssMiB: () => treeRssMiB([child.pid!, redis.pid]),
    cpuSeconds: () => treeCpuTotal([child.pid!, redis.pid]),
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
