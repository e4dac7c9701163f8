import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createRunnerServer } from "../../container-runner/src/server.ts";
import { freePort } from "../../scripts/platform.mjs";
import "./support/provided-context.ts";


/**
 * The real runner (with the offline demo model) for the workerd tests, behind a small proxy that
 * counts builder turns and can cut a turn's stream after N events, as a crashing runner would.
 */
export default async function setup(project: TestProject) {
  // The in-process runner logs to this process's output, which no test owns: warnings only.
  process.env.LOG_LEVEL ??= "warn";
  process.env.SECOND_WORKSPACES_DIR = await mkdtemp(path.join(tmpdir(), "second-worker-tests-"));
  const runnerPort = await freePort();
  const runnerUrl = `http://127.0.0.1:${runnerPort}`;
  const runner = createRunnerServer({ role: "runner", version: "test", internalToken: "test-internal-token", ownUrl: runnerUrl, env: {}, demoDelayMs: 2 });
  await new Promise<void>((resolve) => runner.listen(runnerPort, "127.0.0.1", resolve));

  let turns = 0;
  const posthog: unknown[] = [];
  let killAfterEvents: number | null = null;
  const proxy = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://proxy");
    if (url.pathname === "/__test/kill-next-turn") {
      killAfterEvents = Number(url.searchParams.get("after") ?? "5");
      res.end("ok");
      return;
    }
    if (url.pathname === "/__posthog/capture/") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      posthog.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.end("{}");
      return;
    }
    if (url.pathname === "/__test/posthog") {
      res.end(JSON.stringify(posthog));
      return;
    }
    if (url.pathname === "/__test/turns") {
      res.end(JSON.stringify({ turns }));
      return;
    }
    const isTurn = req.method === "POST" && /\/sessions\/[^/]+\/messages$/.test(url.pathname);
    if (isTurn) turns++;
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks)));
    });
    const upstream = await fetch(`${runnerUrl}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: body ? new Uint8Array(body) : undefined });
    res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
    const limit = isTurn ? killAfterEvents : null;
    if (isTurn) killAfterEvents = null;
    let events = 0;
    for await (const chunk of upstream.body ?? []) {
      res.write(chunk);
      events += (Buffer.from(chunk).toString().match(/\n\n/g) ?? []).length;
      if (limit !== null && events >= limit) {
        res.destroy(); // the runner "crashes" mid-turn
        return;
      }
    }
    res.end();
  });
  const proxyPort = await freePort();
  await new Promise<void>((resolve) => proxy.listen(proxyPort, "127.0.0.1", resolve));
  project.provide("runnerUrl", `http://127.0.0.1:${proxyPort}`);
  return async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await new Promise((resolve) => runner.close(resolve));
  };
}
