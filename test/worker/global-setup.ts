import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createRunnerServer } from "../../container-runner/src/server.ts";
import { freePort } from "../../scripts/platform.mjs";
import { testKeyPair } from "../support/test-keys.ts";
import { startPlatformStandIn } from "../support/platform-stand-in.ts";
import { startDevCrm } from "../../scripts/dev-crm.mjs";
import { startOAuthProviderStandIn } from "../support/oauth-provider-stand-in.ts";
import "./support/provided-context.ts";

/** What the model-API stand-in answers: a short streamed message with known usage. */
export const UPSTREAM_USAGE = { input_tokens: 11, output_tokens: 7, cache_read_input_tokens: 5, cache_creation_input_tokens: 3 };
function upstreamStream(model: string): string {
  const event = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
  const { output_tokens, ...input } = UPSTREAM_USAGE;
  return [
    event("message_start", {
      message: { id: "msg_up", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { ...input, output_tokens: 1 } },
    }),
    event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    event("content_block_delta", { index: 0, delta: { type: "text_delta", text: "hello from upstream" } }),
    event("content_block_stop", { index: 0 }),
    event("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens } }),
    event("message_stop", {}),
  ].join("");
}

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
  const keys = testKeyPair();
  // The runner's model calls: a stand-in for the Worker's pass-through (workerd is not reachable
  // over HTTP from here), forwarding to the runner's demo model like the Worker does without a key.
  const platform = await startPlatformStandIn(keys.privateKey, () => runnerUrl);
  const runner = createRunnerServer({ role: "runner", version: "test", publicKey: keys.publicKey, platformUrl: platform.url, demoDelayMs: 2 });
  await new Promise<void>((resolve) => runner.listen(runnerPort, "127.0.0.1", resolve));
  let held: { release: () => void } | null = null;
  const upstreamRequests: { headers: Record<string, string>; body: unknown }[] = [];

  let turns = 0;
  const posthog: unknown[] = [];
  let killAfterEvents: number | null = null;
  let killApp: string | null = null;
  const proxy = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://proxy");
    if (url.pathname === "/__test/kill-next-turn") {
      killAfterEvents = Number(url.searchParams.get("after") ?? "5");
      // Only that app's next turn, when named: test files run in parallel.
      killApp = url.searchParams.get("app");
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
    if (url.pathname === "/__test/hold-next-model-call") {
      const hold = platform.hold();
      held = hold;
      await hold.held;
      res.end("held");
      return;
    }
    if (url.pathname === "/__test/release-model-call") {
      held?.release();
      held = null;
      res.end("released");
      return;
    }
    // The usage tests call /__upstream-unlogged: their calls stay out of the log other files assert on.
    if (url.pathname === "/__upstream/v1/messages" || url.pathname === "/__upstream-unlogged/v1/messages") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { model: string; stream?: boolean; metadata?: { user_id?: string } };
      if (url.pathname === "/__upstream/v1/messages") upstreamRequests.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      // Usage tests: a stream that breaks (or stalls) right after message_start, as a failing upstream would.
      const mode = body.metadata?.user_id;
      if (mode === "cut-after-start" || mode === "stall-after-start") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(`${upstreamStream(body.model).split("\n\n")[0]}\n\n`);
        if (mode === "cut-after-start") setTimeout(() => res.destroy(), 50);
        return;
      }
      if (!body.stream) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "msg_up",
            type: "message",
            role: "assistant",
            model: body.model,
            content: [{ type: "text", text: "hi" }],
            stop_reason: "end_turn",
            usage: UPSTREAM_USAGE,
          }),
        );
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(upstreamStream(body.model));
      return;
    }
    if (url.pathname === "/__test/upstream-requests") {
      res.end(JSON.stringify(upstreamRequests));
      return;
    }
    if (url.pathname === "/__test/turns") {
      res.end(JSON.stringify({ turns }));
      return;
    }
    const isTurn = req.method === "POST" && /\/sessions\/[^/]+\/messages$/.test(url.pathname);
    if (isTurn) turns++;
    const body =
      req.method === "GET" || req.method === "HEAD"
        ? undefined
        : await new Promise<Buffer>((resolve) => {
            const chunks: Buffer[] = [];
            req.on("data", (c: Buffer) => chunks.push(c));
            req.on("end", () => resolve(Buffer.concat(chunks)));
          });
    const upstream = await fetch(`${runnerUrl}${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: body ? new Uint8Array(body) : undefined });
    res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
    const killThis = isTurn && (killApp === null || url.pathname.includes(`/sessions/${killApp}/`));
    const limit = killThis ? killAfterEvents : null;
    if (killThis) {
      killAfterEvents = null;
      killApp = null;
    }
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
  project.provide("capabilityKey", keys.privateKey);
  const crm = await startDevCrm({ inspect: true });
  project.provide("crmUrl", crm.url);
  project.provide("crmApiKey", crm.apiKey);
  const oauthProvider = await startOAuthProviderStandIn();
  project.provide("oauthProviderUrl", oauthProvider.url);
  return async () => {
    await oauthProvider.close();
    await new Promise((resolve) => proxy.close(resolve));
    await new Promise((resolve) => runner.close(resolve));
    await platform.close();
    await crm.close();
  };
}
