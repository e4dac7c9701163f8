import { env, exports } from "cloudflare:workers";
import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { agentApp as setup, readEvents, runEvents as events, scorer, seedAgents } from "./support/agent-app.ts";
import { waitForEvents } from "./support/posthog.ts";

describe("app agent runs", () => {
  it("refuses an unapproved or changed agents.json, an unknown agent and published runs; runs once approved", async () => {
    const { owner, member, workspaceId, appId, base, approve } = await setup("agentrun");
    const unapproved = await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer" });
    expect(unapproved.status).toBe(409);
    expect(unapproved.body.error.message).toMatch(/not approved/);
    await approve();
    expect((await owner.post(`${base}/agent-runs`, { agentId: "nobody" })).status).toBe(404);
    expect((await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer", input: 42 })).status).toBe(400);
    expect((await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer", extra: true })).status).toBe(400);
    const published = await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer", version: "published" });
    expect(published.status).toBe(409);
    expect(published.body.error.message).toMatch(/not published/);
    expect((await member.post(`${base}/agent-runs`, { agentId: "lead-scorer" })).status).toBe(404);

    const created = await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer", input: { note: "today" } });
    expect(created.status).toBe(201);
    expect(created.body.run).toMatchObject({
      agentId: "lead-scorer",
      version: "draft",
      status: "running",
      triggeredBy: { type: "user", userId: owner.id },
      input: { note: "today" },
    });
    const runId: string = created.body.run.id;
    // The whole run, from the start, numbered 1..N: the viewer attaches whenever it likes.
    const all = await readEvents(await events(owner, base, runId));
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(all[0]?.event).toMatchObject({ type: "started", agentId: "lead-scorer", version: "draft" });
    expect(all.at(-1)?.event.type).toBe("completed");
    expect(all.some((e) => e.event.type === "tool-call" && e.event.toolName === "read_app_data")).toBe(true);
    // Cursor resume, by query and by Last-Event-ID.
    expect(await readEvents(await events(owner, base, runId, 2))).toEqual(all.slice(2));
    const byHeader = await exports.default.fetch(new Request(`http://example.com${base}/agent-runs/${runId}/events`, { headers: { cookie: owner.cookie!, "last-event-id": "1" } }));
    expect(await readEvents(byHeader)).toEqual(all.slice(1));
    expect((await events(owner, base, runId, -1)).status).toBe(400);

    const stored = (await owner.get(`${base}/agent-runs/${runId}`)).body.run;
    expect(stored).toMatchObject({ status: "completed", error: null, output: expect.any(String), finishedAt: expect.any(String) });
    expect(stored.usage).toMatchObject({ toolCalls: 1 });
    expect((await owner.get(`${base}/agent-runs`)).body.runs.map((r: { id: string }) => r.id)).toEqual([runId]);
    expect((await member.get(`${base}/agent-runs/${runId}`)).status).toBe(404);
    const audit = (await owner.get(`/api/workspaces/${workspaceId}/audit?category=apps`)).body.events.map((e: { eventName: string }) => e.eventName);
    expect(audit).toContain("agent_run.started");

    // A changed agents.json (a new draft clears the approval) cannot run until it is approved again.
    await seedAgents(workspaceId, appId, { agents: [{ ...scorer, dataCollections: ["leads", "salaries"] }] });
    const changed = await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer" });
    expect(changed.status).toBe(409);
    expect(changed.body.error.message).toMatch(/not approved/);
  }, 60_000);

  it("refuses an approved agent that turns on web tools, with the reason", async () => {
    const searching = { ...scorer, tools: [{ name: "web_search", type: "builtin" }] };
    const { owner, base, approve } = await setup("agentweb", [searching]);
    await approve();
    const refused = await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/web tools \(web_search\)/);
  });

  it("ends a run whose runner was lost as failed through the watchdog alarm, and sends app agent error", async () => {
    const { owner, base, approve } = await setup("agentlost");
    await approve();
    expect((await owner.patch("/api/me/usage-data", { anonymized: false })).status).toBe(200);
    // The run's first model call is held, so the run is mid-flight when its host goes away.
    const held = fetch(`${inject("runnerUrl")}/__test/hold-next-model-call`);
    const runId: string = (await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer" })).body.run.id;
    await held;
    await abortAllDurableObjects();
    expect(await runDurableObjectAlarm(env.AGENT_RUN_STREAM.getByName(runId))).toBe(true);
    const run = (await owner.get(`${base}/agent-runs/${runId}`)).body.run;
    expect(run).toMatchObject({ status: "failed", error: expect.stringMatching(/runner stopped responding/) });
    const replay = await readEvents(await events(owner, base, runId));
    expect(replay.at(-1)?.event).toMatchObject({ type: "failed" });
    await fetch(`${inject("runnerUrl")}/__test/release-model-call`);
    const sent = await waitForEvents((all) => all.some((e) => e.event === "app agent error" && e.properties.run_id === runId));
    const error = sent.find((e) => e.event === "app agent error" && e.properties.run_id === runId);
    expect(error?.distinct_id).toBe(owner.id);
    expect(error?.properties).toMatchObject({ outcome: "failed", failure_phase: "runner_lost", error_code: "no_host", trigger: "user" });
    expect(JSON.stringify(error)).not.toMatch(/stopped responding/);
  }, 60_000);

  it("fires a schedule from the alarm as the approving admin, and stops once the approval is cleared", async () => {
    const scheduled = { ...scorer, schedule: { everyMinutes: 30 } };
    const { owner, admin, workspaceId, appId, base, approve } = await setup("agentcron", [scheduled, { ...scorer, id: "manual-only" }]);
    const scheduler = env.AGENT_SCHEDULER.getByName(appId);
    expect(await scheduler.upcoming()).toEqual({ version: null, next: {} });
    await approve();
    const { version, next } = await scheduler.upcoming();
    expect(version).toBe("draft");
    expect(Object.keys(next)).toEqual(["lead-scorer"]);
    expect(next["lead-scorer"]).toBeGreaterThan(Date.now() + 29 * 60_000);

    expect(await runDurableObjectAlarm(scheduler)).toBe(true);
    const runs = (await owner.get(`${base}/agent-runs`)).body.runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ agentId: "lead-scorer", triggeredBy: { type: "schedule", userId: admin.id } });
    const audit = (await owner.get(`/api/workspaces/${workspaceId}/audit?category=apps`)).body.events;
    expect(audit.find((e: { eventName: string }) => e.eventName === "agent_run.started")).toMatchObject({ actor: { type: "system" } });
    expect((await scheduler.upcoming()).next["lead-scorer"]).toBeGreaterThan(Date.now() + 29 * 60_000);

    // A new draft clears the approval: the next alarm starts nothing and ends the schedule.
    await seedAgents(workspaceId, appId, { agents: [scheduled] });
    expect(await runDurableObjectAlarm(scheduler)).toBe(true);
    expect((await owner.get(`${base}/agent-runs`)).body.runs).toHaveLength(1);
    expect(await scheduler.upcoming()).toEqual({ version: null, next: {} });
    expect(await runDurableObjectAlarm(scheduler)).toBe(false);
  }, 60_000);

  it("refuses an invalid cron expression in agents.json", async () => {
    const { owner, base } = await setup("agentbadcron", [{ ...scorer, schedule: { cron: "61 * * * *" } }]);
    const agents = (await owner.get(`${base}/agents`)).body;
    expect(agents.draft).toBeNull();
    expect(agents.problem).toMatch(/cron expression/);
  });
});
