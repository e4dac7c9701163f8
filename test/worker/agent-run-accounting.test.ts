import { env } from "cloudflare:workers";
import { createExecutionContext, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { agentApp, finishedRun, scorer } from "./support/agent-app.ts";
import { capturedEvents, waitForEvents, type CapturedEvent } from "./support/posthog.ts";
import { agentRunCapability } from "../support/capabilities.ts";
import { createApp } from "../../worker/app.ts";
import { CollectionClient } from "../../platform/store/store-client.ts";
import type { ModelUsageDoc } from "../../worker/usage/usage-ledger.ts";
import type { AgentRunRecord } from "../../durable-objects/agent-run/run-record.ts";
import { DEFAULT_BUILDER_MODEL } from "../../shared/api/models.ts";

const proxy = inject("runnerUrl");
/** The Worker with a model key; the model API is the stand-in in global-setup.ts (unlogged path). */
const withModelKey = { ...env, ANTHROPIC_API_KEY: "sk-test", ANTHROPIC_BASE_URL: `${proxy}/__upstream-unlogged` };

/**
 * Starts an agent run whose own first model call waits (the runner's calls go to a stand-in, not
 * the Worker), then makes one call through the Worker's pass-through with the run's capability:
 * the call the ledger charges.
 */
async function meteredRun(target: { workspaceId: string; appId: string }, start: () => Promise<string>) {
  const held = fetch(`${proxy}/__test/hold-next-model-call`);
  const runId = await start();
  await held;
  const record = await runInDurableObject(env.AGENT_RUN_STREAM.getByName(runId), (_instance, state) => state.storage.kv.get<AgentRunRecord>("run"));
  const capability = await agentRunCapability(env.SECOND_CAPABILITY_KEY!, { ...target, agentId: scorer.id, collections: scorer.dataCollections }, 300, {
    runId,
    jti: record!.jti,
    model: DEFAULT_BUILDER_MODEL,
  });
  const request = new Request("http://example.com/api/internal/model/v1/messages", {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", authorization: `Bearer ${capability}` },
    body: JSON.stringify({ model: DEFAULT_BUILDER_MODEL, max_tokens: 100, stream: true, messages: [{ role: "user", content: "hi" }] }),
  });
  const answer = await createApp().fetch(request, withModelKey, createExecutionContext());
  expect(answer.status).toBe(200);
  await answer.text();
  await fetch(`${proxy}/__test/release-model-call`);
  const rows = await new CollectionClient<ModelUsageDoc>(env, "model_usage").find({ workspaceId: target.workspaceId, runId });
  return { runId, rows };
}

describe("agent runs in the ledger and in analytics", () => {
  it("charges a run's model calls to the person who triggered it, and sends triggered and finished with its counts", async () => {
    const { owner, workspaceId, appId, base, approve } = await agentApp("charge-user");
    await approve();
    expect((await owner.patch("/api/me/usage-data", { anonymized: false })).status).toBe(200);
    const { runId, rows } = await meteredRun({ workspaceId, appId }, async () => (await owner.post(`${base}/agent-runs`, { agentId: scorer.id })).body.run.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: owner.id, runKind: "agent", appId });
    const byUser = (await owner.get(`/api/workspaces/${workspaceId}/usage?groupBy=user`)).body.rows;
    expect(byUser.map((r: { key: string; label: string }) => [r.key, r.label])).toEqual([[owner.id, owner.displayName]]);

    expect(await finishedRun(owner, base, runId)).toMatchObject({ status: "completed" });
    const events = await waitForEvents((all) => all.some((e) => e.distinct_id === owner.id && e.event === "app agent finished" && e.properties.run_id === runId));
    const mine = events.filter((e) => e.distinct_id === owner.id && e.properties.run_id === runId);
    expect(mine.find((e) => e.event === "app agent triggered")?.properties).toMatchObject({
      trigger: "user",
      app_version: "draft",
      has_input: false,
      model: DEFAULT_BUILDER_MODEL,
    });
    expect(mine.find((e) => e.event === "app agent finished")?.properties).toMatchObject({
      outcome: "completed",
      trigger: "user",
      tool_call_count: 1,
      model_call_count: 1,
      duration_ms: expect.any(Number),
      model: DEFAULT_BUILDER_MODEL,
      agent_id: scorer.id,
    });
  }, 120_000);

  it("charges a scheduled run to the admin whose approval it acts under", async () => {
    const { owner, admin, workspaceId, appId, base, approve } = await agentApp("charge-schedule", [{ ...scorer, schedule: { everyMinutes: 30 } }]);
    await approve();
    expect((await admin.patch("/api/me/usage-data", { anonymized: false })).status).toBe(200);
    const { runId, rows } = await meteredRun({ workspaceId, appId }, async () => {
      expect(await runDurableObjectAlarm(env.AGENT_SCHEDULER.getByName(appId))).toBe(true);
      return (await owner.get(`${base}/agent-runs`)).body.runs[0].id;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: admin.id, runKind: "scheduled" });
    await finishedRun(owner, base, runId);
    const events = await waitForEvents((all) => all.some((e) => e.distinct_id === admin.id && e.event === "app agent finished" && e.properties.run_id === runId));
    expect(events.find((e) => e.distinct_id === admin.id && e.event === "app agent triggered" && e.properties.run_id === runId)?.properties).toMatchObject({ trigger: "schedule" });
  }, 120_000);

  it("sends an anonymized person's agent events with no ids, names or text", async () => {
    const { owner, base, approve } = await agentApp("charge-anon");
    await approve();
    const anonymousFinishes = (all: CapturedEvent[]) => all.filter((e) => e.event === "app agent finished" && e.properties.$process_person_profile === false).length;
    const before = anonymousFinishes(await capturedEvents());
    const runId: string = (await owner.post(`${base}/agent-runs`, { agentId: scorer.id, input: { note: "Call Ada Lovelace at ada@example.com" } })).body.run.id;
    await finishedRun(owner, base, runId);
    const events = await waitForEvents((all) => anonymousFinishes(all) > before);
    expect(anonymousFinishes(events)).toBeGreaterThan(before);
    const anonymized = events.filter((e) => e.event.startsWith("app agent") && e.properties.$process_person_profile === false);
    expect(anonymized.length).toBeGreaterThan(0);
    for (const event of anonymized) {
      expect(event.distinct_id).toMatch(/^anon_/);
      const text = JSON.stringify(event);
      for (const secret of [runId, owner.id, "Ada", "ada@example.com", scorer.id, "Scored"]) expect(text).not.toContain(secret);
      expect(event.properties).not.toHaveProperty("run_id");
      expect(event.properties).not.toHaveProperty("agent_id");
    }
  }, 120_000);
});
