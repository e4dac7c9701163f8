import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { startPlatform } from "../../../scripts/platform.mjs";
import { probes, readSse } from "../lib/probe-stream.ts";
import { treeCpuTotal, treeRssMiB } from "../lib/process-tree.ts";
import type { LiveFeed, LiveTarget, Transport } from "./live-target.ts";

/** A signed-in bench user of a running platform, and the REST calls the workloads make. */
export class PlatformClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly url: string) {}

  /** The same signed-in user, calling another address of the platform (e.g. workerd without the dev proxy). */
  at(url: string): PlatformClient {
    const other = new PlatformClient(url);
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.raw(method, path, body);
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async raw(method: string, path: string, body?: unknown): Promise<Response> {
    const headers = { cookie: this.cookieHeader, "content-type": "application/json", origin: this.url };
    const response = await fetch(this.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const set of response.headers.getSetCookie()) {
      const [pair = ""] = set.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async signIn(): Promise<string> {
    await this.call("POST", "/api/auth/identity", { displayName: "Bench", email: "bench@example.com" });
    return (await this.call<{ workspace: { id: string } }>("POST", "/api/workspaces", { name: "Bench" })).workspace.id;
  }

  async createApp(workspaceId: string, name: string): Promise<string> {
    return (await this.call<{ app: { id: string } }>("POST", `/api/workspaces/${workspaceId}/apps`, { name })).app.id;
  }
}

/**
 * Env for the bench's platform: a fixed session secret (the per-isolate default would sign the
 * bench out if workerd restarts its isolate under load), and data-write limits far above the
 * defaults (6,000/min per app), so 1,000 writes/s into one app is measured with the limiter in the
 * path but not stopped by it.
 */
export const BENCH_PLATFORM_ENV: Record<string, string> = {
  SECOND_NO_AUTH_SESSION_SECRET: randomBytes(24).toString("hex"),
  SECOND_RATE_LIMIT_DATA_WRITES_PER_APP: "10000000/60",
  SECOND_RATE_LIMIT_DATA_WRITES_PER_USER: "10000000/60",
  SECOND_RATE_LIMIT_DATA_WRITES_PER_WORKSPACE: "10000000/60",
};

export interface Ours {
  target: LiveTarget;
  client: PlatformClient;
  workspaceId: string;
  /** startPlatform() to healthy: what `npm start` takes after its frontend build. */
  startMs: number;
  /** The platform's processes (for CPU accounting) and the Worker's DevTools inspector (with `inspect`, for profiling). */
  pids: number[];
  inspectorPort: number | null;
  stop(): Promise<void>;
}

/** The platform with its runner's model pointed at `modelUrl` (the bench's scripted turns). */
export async function startOurs(modelUrl: string, inspect = false): Promise<Ours> {
  const t0 = performance.now();
  // The platform's own log, kept for explaining a refused or failed write (bench/results/last/ is not committed).
  const logFile = fileURLToPath(new URL("../../../bench/results/last/platform.log", import.meta.url));
  mkdirSync(path.dirname(logFile), { recursive: true });
  writeFileSync(logFile, "");
  const platform = await startPlatform({
    inspect,
    output: (name, line) => appendFileSync(logFile, `[${name}] ${line}\n`),
    env: { ...BENCH_PLATFORM_ENV, ANTHROPIC_API_KEY: "bench", ANTHROPIC_BASE_URL: modelUrl },
  });
  const startMs = performance.now() - t0;
  const client = new PlatformClient(platform.url);
  const workspaceId = await client.signIn();
  const target: LiveTarget = {
    label: "ours",
    transports: ["sse", "ws"],
    feed: async (name) => feedOf(client, `/api/workspaces/${workspaceId}/apps/${await client.createApp(workspaceId, name)}/data`),
    rssMiB: () => treeRssMiB(platform.pids),
    cpuSeconds: () => treeCpuTotal(platform.pids),
    stop: () => platform.stop(),
  };
  return { target, client, workspaceId, startMs, pids: platform.pids, inspectorPort: platform.inspectorPort, stop: () => platform.stop() };
}

function feedOf(client: PlatformClient, data: string): LiveFeed {
  return {
    async insert(probe) {
      const response = await client.raw("POST", data, { collection: "bench", data: probe });
      if (response.status !== 201) throw new Error(`insert: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    },
    open: (transport: Transport, listener) => (transport === "ws" ? openSocket(client, data, listener) : openSse(client, data, listener)),
  };
}

async function openSse(client: PlatformClient, data: string, listener: (n: number, sentAt: number) => void) {
  const controller = new AbortController();
  const response = await fetch(`${client.url}${data}/stream`, { headers: { cookie: client.cookieHeader }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
  void readSse(response.body, listener, { n: 0 }).catch(() => undefined);
  return () => controller.abort();
}

export function openSocketAt(url: string, headers: Record<string, string>, onText: (text: string) => void): Promise<() => void> {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false });
  ws.on("message", (data) => onText(String(data)));
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(() => ws.close(1000, "done")));
    ws.once("error", reject);
  });
}

async function openSocket(client: PlatformClient, data: string, listener: (n: number, sentAt: number) => void) {
  return openSocketAt(`${client.url.replace(/^http/, "ws")}${data}/stream?frames=batch`, { cookie: client.cookieHeader, origin: client.url }, (text) => probes(text, listener));
}
