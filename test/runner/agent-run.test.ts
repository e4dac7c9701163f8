import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createParser } from "eventsource-parser";
import { startRunner, WORKSPACE } from "./support/runner-harness.ts";
import { agentRunEventSchema, type AgentRunEvent, type AgentRunRequest } from "../../shared/agents/agent-run.ts";
import { agentDefinitionSchema, type AgentDefinition } from "../../shared/agents/agents-json.ts";
import { agentRunCapability } from "../support/capabilities.ts";
import { runDataTool } from "../../container-runner/src/agents/data-tools.ts";

async function readAgentEvents(response: Response): Promise<AgentRunEvent[]> {
  const events: AgentRunEvent[] = [];
  const parser = createParser({ onEvent: (m) => events.push(agentRunEventSchema.parse(JSON.parse(m.data))) });
  parser.feed(await response.text());
  return events;
}

const scorer = agentDefinitionSchema.parse({ id: "lead-scorer", name: "Lead scorer", systemPrompt: "Score every lead.", dataCollections: ["leads"] });
const limits = { maxToolCalls: 20, maxTokens: 200_000, maxMs: 60_000 };

describe("app agent runs in the runner (scripted demo model through the real @anthropic-ai/sdk)", () => {
  let runner: Awaited<ReturnType<typeof startRunner>>;
  before(async () => {
    runner = await startRunner();
  });
  after(() => runner.stop());

  const run = async (appId: string, agent: AgentDefinition, overrides: Partial<AgentRunRequest> = {}) => {
    const capability = await agentRunCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId, agentId: agent.id, collections: agent.dataCollections });
    const body: AgentRunRequest = { runId: "run_a1", version: "draft", agent, input: null, model: "demo", capability, limits, demo: true, ...overrides };
    return runner.call(appId, `/sessions/${appId}/agent-run`, { method: "POST", body: JSON.stringify(body) });
  };

  it("reads its collection, writes a score on each lead through the platform, and completes", async () => {
    runner.platform.data.set("leads", [
      { _id: "l1", name: "Ada", company: "Analytical" },
      { _id: "l2", name: "Grace", company: "Cobol" },
    ]);
    const response = await run("app_scores", scorer);
    assert.equal(response.status, 200);
    const events = await readAgentEvents(response);
    assert.deepEqual(
      events.filter((e) => e.type === "tool-result").map((e) => e.type === "tool-result" && `${e.toolName}:${e.isError ? "error" : "ok"}`),
      ["read_app_data:ok", "update_app_data:ok", "update_app_data:ok"],
    );
    const last = events.at(-1);
    assert.equal(last?.type, "completed");
    if (last?.type === "completed") {
      assert.match(last.output, /scored 2 documents/);
      assert.equal(last.toolCalls, 3);
      assert.ok(last.usage.outputTokens > 0);
    }
    assert.ok(runner.platform.data.get("leads")?.every((lead) => typeof lead.score === "number"));
    assert.deepEqual(runner.platform.offeredTools.at(-1), ["read_app_data", "update_app_data"]);
    assert.ok(runner.platform.dataCalls.every((c) => c.body.agentId === "lead-scorer" && c.body.appId === "app_scores" && c.body.workspaceId === WORKSPACE));
  });

  it("asked to go on until a document arrives, keeps scoring what comes in and ends once it is scored", async () => {
    runner.platform.data.set("leads", [{ _id: "w1", name: "Ada" }]);
    const response = run("app_waits", scorer, { input: "Score new leads until “Zed Last” arrives" });
    // The run is observably mid-flight: Ada is scored, and it keeps looking (one look a second).
    const looks = () => runner.platform.dataCalls.filter((c) => c.path.endsWith("app-data-read") && c.body.appId === "app_waits").length;
    for (let i = 0; i < 600 && (!runner.platform.data.get("leads")?.[0]?.score || looks() < 3); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(looks() >= 3, "the agent scored Ada and kept looking");
    runner.platform.data.get("leads")!.push({ _id: "w2", name: "Zed Last", company: "Omega" });
    const events = await readAgentEvents(await response);
    const last = events.at(-1);
    assert.equal(last?.type, "completed");
    if (last?.type === "completed") assert.match(last.output, /scored 2 documents/);
    assert.ok(events.some((e) => e.type === "text" && /Waiting for “Zed Last”/.test(e.text)));
    assert.ok(runner.platform.data.get("leads")?.every((lead) => typeof lead.score === "number"));
  });

  it("offers no data tools to an agent without dataCollections", async () => {
    const before = runner.platform.dataCalls.length;
    const plain = agentDefinitionSchema.parse({ id: "greeter", name: "Greeter", systemPrompt: "Say hello." });
    const events = await readAgentEvents(await run("app_plain", plain, { input: "hello" }));
    assert.equal(events.at(-1)?.type, "completed");
    assert.deepEqual(runner.platform.offeredTools.at(-1), [], "the model saw no tools");
    assert.equal(runner.platform.dataCalls.length, before);
  });

  it("refuses a collection outside dataCollections in the runner, before any platform call", async () => {
    const before = runner.platform.dataCalls.length;
    const capability = await agentRunCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId: "app_x", agentId: scorer.id, collections: ["leads", "salaries"] });
    const target = { platformUrl: runner.platform.url, capability, workspaceId: WORKSPACE, appId: "app_x", version: "draft" as const, agent: scorer };
    const read = await runDataTool(target, "read_app_data", { collection: "salaries" });
    assert.equal(read.isError, true);
    assert.match(String(read.output), /may not use the "salaries" collection/);
    const write = await runDataTool(target, "update_app_data", { operation: "delete", collection: "salaries", id: "s1" });
    assert.equal(write.isError, true);
    assert.equal(runner.platform.dataCalls.length, before, "nothing reached the platform");
  });

  it("ends a run that passes its tool-call limit with a clear error", async () => {
    runner.platform.data.set("leads", [{ _id: "l9", name: "Linus" }]);
    const events = await readAgentEvents(await run("app_limited", scorer, { limits: { ...limits, maxToolCalls: 1 } }));
    const last = events.at(-1);
    assert.deepEqual(last, { type: "failed", error: "The run asked for more than 1 tool calls and was ended." });
    assert.equal(runner.platform.data.get("leads")?.[0]?.score, undefined, "the second call never ran");
  });

  it("refuses an agent that declares custom tools, with the reason", async () => {
    const custom = agentDefinitionSchema.parse({
      ...scorer,
      tools: [{ name: "crm_lookup", type: "custom", integration: { domain: "crm.example.com" }, endpoint: { method: "GET", url: "https://crm.example.com/x" } }],
    });
    const response = await run("app_custom", custom);
    assert.equal(response.status, 409);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /custom tools \(crm_lookup\).*not available yet/);
  });

  it("answers only a call signed for the same app", async () => {
    const capability = await agentRunCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId: "app_a", agentId: scorer.id, collections: ["leads"] });
    const body = { runId: "r", version: "draft", agent: scorer, input: null, model: "demo", capability, limits, demo: true };
    const response = await runner.call("app_other", "/sessions/app_a/agent-run", { method: "POST", body: JSON.stringify(body) });
    assert.equal(response.status, 403);
  });
});
