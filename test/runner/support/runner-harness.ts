import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createParser } from "eventsource-parser";
import { createRunnerServer } from "../../../container-runner/src/server.ts";
import { runnerEventSchema, type RunnerEvent } from "../../../shared/runner/events.ts";
import type { UIMessage } from "../../../shared/chat/messages.ts";
import { builderTurnCapability, runnerCallCapability } from "../../support/capabilities.ts";
import { testKeyPair } from "../../support/test-keys.ts";
import { startPlatformStandIn } from "../../support/platform-stand-in.ts";

export const WORKSPACE = "ws_runner_test";

/** Reads a runner turn's SSE into parsed, schema-checked events. */
export async function readEvents(response: Response): Promise<RunnerEvent[]> {
  const events: RunnerEvent[] = [];
  const parser = createParser({ onEvent: (message) => events.push(runnerEventSchema.parse(JSON.parse(message.data))) });
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) parser.feed(decoder.decode(chunk, { stream: true }));
  return events;
}

/** The real runner (Hono on node-server) with its public key, and a platform stand-in for model calls. */
export async function startRunner() {
  process.env.SECOND_WORKSPACES_DIR = await mkdtemp(path.join(tmpdir(), "second-runner-test-"));
  const keys = testKeyPair();
  let base = "";
  const platform = await startPlatformStandIn(keys.privateKey, () => base);
  const server = createRunnerServer({ role: "runner", version: "test", publicKey: keys.publicKey, platformUrl: platform.url, demoDelayMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async (appId: string, pathname: string, init: RequestInit = {}) => {
    const token = await runnerCallCapability(keys.privateKey, { workspaceId: WORKSPACE, appId });
    return fetch(`${base}${pathname}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
  };
  const turn = async (appId: string, messages: UIMessage[], sourceFiles: Record<string, string> | null = null, signal?: AbortSignal) =>
    call(appId, `/sessions/${appId}/messages`, {
      method: "POST",
      signal,
      body: JSON.stringify({
        runId: "run_1",
        model: "demo",
        capability: await builderTurnCapability(keys.privateKey, { workspaceId: WORKSPACE, appId }),
        demo: true,
        sourceFiles,
        messages,
      }),
    });
  const files = async (appId: string) => ((await (await call(appId, `/sessions/${appId}/files`)).json()) as { files: Record<string, string> }).files;
  return {
    base: () => base,
    keys,
    platform,
    call,
    turn,
    files,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await platform.close();
    },
  };
}

export const userSays = (text: string): UIMessage => ({ id: `m${Math.random().toString(36).slice(2)}`, role: "user", parts: [{ type: "text", text }] });
