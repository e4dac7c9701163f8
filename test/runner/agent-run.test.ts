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
    const target = { platformUrl: runner.platform.url, capability, runId: "run_x", workspaceId: WORKSPACE, appId: "app_x", version: "draft" as const, agent: scorer };
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

  it("refuses an agent that turns on web tools, with the reason", async () => {
    const searching = agentDefinitionSchema.parse({ ...scorer, tools: [{ name: "web_search", type: "builtin" }] });
    const response = await run("app_web", searching);
    assert.equal(response.status, 409);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /web tools \(web_search\).*not offer yet/);
  });

  it("calls an approved custom tool through the platform's tool-execute with the run's capability, and uses its answer", async () => {
    const crm = agentDefinitionSchema.parse({
      id: "crm-enricher",
      name: "CRM enricher",
      systemPrompt: "Look the contact up in the CRM.",
      tools: [
        {
          name: "crm_lookup",
          type: "custom",
          description: "Finds a contact by email.",
          integration: { domain: "crm.example.com" },
          endpoint: { method: "GET", url: "https://crm.example.com/contacts?email={{input.email}}", headers: { authorization: "Bearer {{secrets.apiKey}}" } },
          inputSchema: { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
        },
      ],
    });
    runner.platform.answerTools(() => ({ status: 200, json: { output: { status: 200, body: { name: "Ada Lovelace", stage: "customer" } } } }));
    const before = runner.platform.toolCalls.length;
    const capability = await agentRunCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId: "app_crm", agentId: crm.id, collections: [] }, 300, { runId: "run_crm" });
    const response = await run("app_crm", crm, { runId: "run_crm", capability, input: { email: "ada@example.com" } });
    const events = await readAgentEvents(response);
    assert.deepEqual(runner.platform.offeredTools.at(-1), ["crm_lookup"], "the model saw the custom tool, nothing else");
    const calls = runner.platform.toolCalls.slice(before);
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]?.body, {
      workspaceId: WORKSPACE,
      appId: "app_crm",
      version: "draft",
      agentId: "crm-enricher",
      runId: "run_crm",
      toolName: "crm_lookup",
      input: { email: "ada@example.com" },
    });
    assert.equal(calls[0]?.capability?.purpose, "agent-run", "sent with the run's own capability");
    const result = events.find((e) => e.type === "tool-result");
    assert.equal(result?.type === "tool-result" && result.isError, false);
    const last = events.at(-1);
    assert.equal(last?.type, "completed");
    assert.match(last?.type === "completed" ? last.output : "", /Ada Lovelace/);
  });

  it("reports a refused custom tool call to the model as the tool's error, and the run still ends cleanly", async () => {
    const crm = agentDefinitionSchema.parse({
      id: "crm-poster",
      name: "CRM poster",
      systemPrompt: "Post a note.",
      tools: [
        {
          name: "crm_note",
          type: "custom",
          integration: { domain: "crm.example.com" },
          endpoint: { method: "POST", url: "https://crm.example.com/notes", body: { text: "{{input.text}}" } },
        },
      ],
    });
    runner.platform.answerTools(() => ({
      status: 403,
      json: { error: { code: "tool_refused", message: 'Refused by the "grant-not-configured" rule: "CRM" is not configured yet.' } },
    }));
    const capability = await agentRunCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId: "app_crm2", agentId: crm.id, collections: [] }, 300, {
      runId: "run_crm2",
    });
    const events = await readAgentEvents(await run("app_crm2", crm, { runId: "run_crm2", capability, input: { text: "hello" } }));
    const result = events.find((e) => e.type === "tool-result");
    assert.equal(result?.type === "tool-result" && result.isError, true);
    assert.match(String(result?.type === "tool-result" && result.output), /grant-not-configured/);
    assert.equal(events.at(-1)?.type, "completed");
  });

  it("shows the model at most the first 50 000 characters of a long answer, marked as cut", async () => {
    const crm = agentDefinitionSchema.parse({
      id: "crm-dumper",
      name: "CRM dumper",
      systemPrompt: "List everything.",
      tools: [{ name: "crm_all", type: "custom", integration: { domain: "crm.example.com" }, endpoint: { method: "GET", url: "https://crm.example.com/all" } }],
    });
    runner.platform.answerTools(() => ({ status: 200, json: { output: { status: 200, body: "x".repeat(200_000) } } }));
    const capability = await agentRunCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId: "app_crm3", agentId: crm.id, collections: [] }, 300, {
      runId: "run_crm3",
    });
    const events = await readAgentEvents(await run("app_crm3", crm, { runId: "run_crm3", capability }));
    const result = events.find((e) => e.type === "tool-result");
    const output = result?.type === "tool-result" ? (result.output as { status: number; body: string; truncated?: boolean }) : null;
    assert.equal(output?.truncated, true);
    assert.ok((output?.body.length ?? Infinity) <= 50_000);
    assert.equal(events.at(-1)?.type, "completed");
  });

  it("answers only a call signed for the same app", async () => {
    const capability = await agentRunCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId: "app_a", agentId: scorer.id, collections: ["leads"] });
    const body = { runId: "r", version: "draft", agent: scorer, input: null, model: "demo", capability, limits, demo: true };
    const response = await runner.call("app_other", "/sessions/app_a/agent-run", { method: "POST", body: JSON.stringify(body) });
    assert.equal(response.status, 403);
  });
});
