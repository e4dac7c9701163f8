import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createParser } from "eventsource-parser";
import { createRunnerServer } from "../../container-runner/src/server.ts";
import { runnerEventSchema, type RunnerEvent } from "../../shared/runner/events.ts";
import { freePort } from "../../scripts/platform.mjs";

/** Reads a runner turn's SSE into parsed, schema-checked events. */
async function readEvents(response: Response): Promise<RunnerEvent[]> {
  const events: RunnerEvent[] = [];
  const parser = createParser({ onEvent: (message) => events.push(runnerEventSchema.parse(JSON.parse(message.data))) });
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) parser.feed(decoder.decode(chunk, { stream: true }));
  return events;
}

describe("builder turn against the offline demo model (real @anthropic-ai/sdk)", () => {
  let base = "";
  const token = "runner-test-token";
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  let server: ReturnType<typeof createRunnerServer>;
  before(async () => {
    process.env.SECOND_WORKSPACES_DIR = await mkdtemp(path.join(tmpdir(), "second-runner-test-"));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = createRunnerServer({ role: "runner", version: "test", internalToken: token, ownUrl: base, env: {}, demoDelayMs: 1 });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("plans, writes, fails the typecheck, fixes it, builds a self-contained app and reports usage", async () => {
    const response = await fetch(`${base}/sessions/app_demo/messages`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        runId: "run_1",
        model: "claude-sonnet-demo",
        sourceFiles: null,
        messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "Build me a lead tracker for the sales team" }] }],
      }),
    });
    assert.equal(response.status, 200);
    const events = await readEvents(response);

    const tools = events.filter((e) => e.type === "tool-output").map((e) => `${e.toolName}:${e.isError ? "error" : "ok"}`);
    assert.deepEqual(tools, ["present_plan:ok", "write_file:ok", "done_building:error", "edit_file:ok", "done_building:ok"]);
    const failure = events.find((e) => e.type === "tool-output" && e.toolName === "done_building" && e.isError);
    assert.match(String(failure?.type === "tool-output" ? failure.output : ""), /Typecheck failed[\s\S]*TS2322/);
    const text = events.filter((e) => e.type === "text-delta").map((e) => e.delta).join("");
    assert.match(text, /lead tracker is ready/);
    const inputs = events.filter((e) => e.type === "tool-input-delta");
    assert.ok(inputs.length > 0, "tool input streams in pieces");
    const result = events.at(-1);
    assert.equal(result?.type, "result");
    if (result?.type === "result") assert.ok(result.usage.outputTokens > 0);

    const files = (await (await fetch(`${base}/sessions/app_demo/files`, { headers: auth })).json()) as { files: Record<string, string> };
    const html = files.files["dist/index.html"] ?? "";
    assert.match(html, /Lead tracker/);
    assert.doesNotMatch(html, /<script[^>]+src=/, "JS is inlined");
    assert.doesNotMatch(html, /<link[^>]+stylesheet/, "CSS is inlined");
    assert.ok(!("node_modules" in files.files));
    const status = (await (await fetch(`${base}/sessions/app_demo/status`, { headers: auth })).json()) as { active: boolean; running: boolean };
    assert.deepEqual({ active: status.active, running: status.running }, { active: true, running: false });
  });

  it("restores a workspace from the sent snapshot when it has none", async () => {
    const response = await fetch(`${base}/sessions/app_restored/messages`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        runId: "run_2",
        model: "demo",
        sourceFiles: { "src/App.tsx": "export default function App() { return null; }", "src/main.tsx": "", "index.html": "<div id=root></div>" },
        messages: [
          { id: "m1", role: "user", parts: [{ type: "text", text: "Build it" }] },
          { id: "m2", role: "assistant", parts: [{ type: "text", text: "Done" }] },
          { id: "m3", role: "user", parts: [{ type: "text", text: "Now add a filter" }] },
        ],
      }),
    });
    const events = await readEvents(response);
    assert.match(events.filter((e) => e.type === "text-delta").map((e) => e.type === "text-delta" && e.delta).join(""), /offline demo model/);
    const files = (await (await fetch(`${base}/sessions/app_restored/files`, { headers: auth })).json()) as { files: Record<string, string> };
    assert.equal(files.files["src/App.tsx"], "export default function App() { return null; }");
  });
});
