import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../../scripts/platform.mjs";
import { sleep } from "../lib/stats.ts";

export interface RunningRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Whether Debian's redis-server is installed (`apt-get install -y redis-server`). */
export function redisAvailable(): boolean {
  return spawnSync("redis-server", ["--version"]).status === 0;
}

/** A throwaway redis-server on a free port: no persistence, its own directory, stopped with the bench. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "bench-redis-"));
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (
      spawnSync("redis-cli", ["-p", String(port), "ping"])
        .stdout?.toString()
        .trim() === "PONG"
    ) {
      return {
        url,
        pid: child.pid!,
        stop: async () => {
          child.kill("SIGTERM");
          await new Promise((resolve) => child.once("exit", resolve));
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await sleep(50);
  }
  child.kill("SIGKILL");
  throw new Error("redis-server did not answer PING within 5 s");
}
