import { env, exports } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { agentApp, readEvents, runEvents, scorer, seedAgents } from "./support/agent-app.ts";
import { createTeam } from "./support/publishing.ts";
import { ORIGIN } from "./support/person.ts";
import { AppsRepository } from "../../platform/repositories/apps.ts";
import { agentRunCapability } from "../support/capabilities.ts";

const KEY = env.SECOND_CAPABILITY_KEY!;

/** An agent's data write through the internal endpoint, as the runner makes it, with the runner's own check skipped. */
async function agentWrite(target: { workspaceId: string; appId: string; version: "draft" | "published"; collection: string }) {
  const capability = await agentRunCapability(KEY, { ...target, agentId: "lead-scorer", collections: [target.collection] });
  return exports.default.fetch(
    new Request(`${ORIGIN}/api/internal/app-data-write`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${capability}` },
      body: JSON.stringify({ ...target, agentId: "lead-scorer", operation: "insert", data: { name: "by agent" } }),
    }),
  );
}

describe("published app agent runs", () => {
  it("use the published payload and scope, are open to the app's users, ignore draft changes, and stop when unpublished", async () => {
    const { owner, member, admin, workspaceId, appId, base, approve } = await agentApp("agentpub");
    await approve();
    const team = await createTeam(owner, workspaceId, "Sales", [member]);
    const notYet = await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer", version: "published" });
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.message).toMatch(/not published/);
    expect((await member.post(`${base}/agent-runs`, { agentId: "lead-scorer", version: "published" })).status).toBe(404);
    expect((await owner.post(`${base}/publish`, { teamIds: [team] })).status).toBe(200);

    // One lead in each scope; then the draft's agents.json changes to another collection (its approval is cleared).
    expect((await owner.post(`${base}/data`, { collection: "leads", data: { name: "Published lead" } })).status).toBe(201);
    expect((await owner.post(`${base}/data?version=draft`, { collection: "leads", data: { name: "Draft lead" } })).status).toBe(201);
    const summary = { id: "lead-scorer", name: "Lead scorer", description: "Scores new leads." };
    expect((await owner.get(`${base}/agents/available?version=draft`)).body).toEqual({ agents: [summary] });
    await seedAgents(workspaceId, appId, { agents: [{ ...scorer, dataCollections: ["contacts"] }] });
    expect((await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer" })).status).toBe(409);
    expect((await owner.get(`${base}/agents/available?version=draft`)).body).toEqual({ agents: [] }); // no approval stands

    // A team member who only uses the published app lists and starts its agents, without seeing their prompts.
    const listed = await member.get(`${base}/agents/available?version=published`);
    expect(listed.body).toEqual({ agents: [summary] });
    expect((await member.get(`${base}/agents/available?version=draft`)).status).toBe(404);
    expect((await member.get(`${base}/agents`)).status).toBe(404);
    expect((await member.post(`${base}/agent-runs`, { agentId: "lead-scorer" })).status).toBe(404);
    const started = await member.post(`${base}/agent-runs`, { agentId: "lead-scorer", version: "published", input: "new ones" });
    expect(started.status).toBe(201);
    const runId: string = started.body.run.id;
    expect(started.body.run).toMatchObject({ version: "published", triggeredBy: { type: "user", userId: member.id } });

    const events = await readEvents(await runEvents(owner, base, runId));
    expect(events[0]?.event).toMatchObject({ type: "started", version: "published" });
    expect(events.at(-1)?.event.type).toBe("completed");
    // The run was handed the published payload: its data tools name the published agent's collection.
    const read = events.find((e) => e.event.type === "tool-call" && e.event.toolName === "read_app_data")?.event;
    expect(read).toMatchObject({ input: { collection: "leads" } });

    // The member follows their own run; the builders' views of runs stay theirs.
    expect((await member.get(`${base}/agent-runs/${runId}`)).body.run).toMatchObject({ id: runId, status: "completed" });
    expect((await member.get(`${base}/agent-runs`)).status).toBe(404);
    expect((await runEvents(member, base, runId)).status).toBe(404);
    const ownersRun: string = (await admin.post(`${base}/agent-runs`, { agentId: "lead-scorer", version: "published" })).body.run.id;
    expect((await member.get(`${base}/agent-runs/${ownersRun}`)).status).toBe(404);

    // The internal endpoint holds published agents to the published payload and writes the published
    // scope (the runner's own check bypassed); the draft's newer "contacts" grants a published run nothing.
    expect((await agentWrite({ workspaceId, appId, version: "published", collection: "leads" })).status).toBe(200);
    expect((await agentWrite({ workspaceId, appId, version: "published", collection: "contacts" })).status).toBe(403);
    expect((await agentWrite({ workspaceId, appId, version: "draft", collection: "contacts" })).status).toBe(403); // not approved
    const names = async (version: "draft" | "published") =>
      (await owner.get(`${base}/data?collection=leads&version=${version}`)).body.docs.map((d: { name: string }) => d.name).sort();
    expect(await names("published")).toEqual(["Published lead", "by agent"]);
    expect(await names("draft")).toEqual(["Draft lead"]);

    // Unpublished: nothing published runs any more, for anyone; the data stays.
    expect((await member.post(`${base}/unpublish`)).status).toBe(404);
    expect((await admin.post(`${base}/unpublish`)).status).toBe(200);
    expect((await admin.post(`${base}/unpublish`)).status).toBe(409);
    const refused = await owner.post(`${base}/agent-runs`, { agentId: "lead-scorer", version: "published" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/not published/);
    expect((await member.post(`${base}/agent-runs`, { agentId: "lead-scorer", version: "published" })).status).toBe(404);
    expect((await owner.get(`${base}/agents/available?version=published`)).body).toEqual({ agents: [] });
    const write = await agentWrite({ workspaceId, appId, version: "published", collection: "leads" });
    expect(write.status).toBe(403);
    expect(await names("published")).toEqual(["Published lead", "by agent"]);
    const app = (await owner.get(base)).body.app;
    expect(app).toMatchObject({ publishStatus: "draft", publishedSnapshot: null });
  }, 90_000);

  it("schedules the published agents once published, keeps them through draft changes, and stops them when unpublished", async () => {
    const scheduled = { ...scorer, schedule: { everyMinutes: 30 } };
    const { owner, admin, workspaceId, appId, base, approve } = await agentApp("agentpubcron", [scheduled]);
    const team = await createTeam(owner, workspaceId, "Ops", []);
    const scheduler = env.AGENT_SCHEDULER.getByName(appId);
    await approve();
    const draftNext = (await scheduler.upcoming()).next["lead-scorer"];
    expect(await scheduler.upcoming()).toMatchObject({ version: "draft" });
    expect((await owner.post(`${base}/publish`, { teamIds: [team] })).status).toBe(200);
    expect(await scheduler.upcoming()).toEqual({ version: "published", next: { "lead-scorer": draftNext } });

    expect(await runDurableObjectAlarm(scheduler)).toBe(true);
    let runs = (await owner.get(`${base}/agent-runs`)).body.runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ version: "published", triggeredBy: { type: "schedule", userId: admin.id } });

    // A new draft clears the draft approval; the published schedule is not the draft's and keeps running.
    await seedAgents(workspaceId, appId, { agents: [{ ...scheduled, systemPrompt: "Changed." }] });
    expect(await runDurableObjectAlarm(scheduler)).toBe(true);
    runs = (await owner.get(`${base}/agent-runs`)).body.runs;
    expect(runs.map((r: { version: string }) => r.version)).toEqual(["published", "published"]);

    // Unpublishing ends it: no alarm is left, nothing more starts, and the draft does not take over.
    expect((await owner.post(`${base}/unpublish`)).status).toBe(200);
    expect(await scheduler.upcoming()).toEqual({ version: null, next: {} });
    expect(await runDurableObjectAlarm(scheduler)).toBe(false);
    expect((await owner.get(`${base}/agent-runs`)).body.runs).toHaveLength(2);
  }, 90_000);

  it("stops a published schedule on the next alarm when the published approval is gone, even if nobody told the scheduler", async () => {
    const scheduled = { ...scorer, schedule: { everyMinutes: 15 } };
    const { owner, workspaceId, appId, base, approve } = await agentApp("agentpubgone", [scheduled]);
    const team = await createTeam(owner, workspaceId, "Ops", []);
    await approve();
    expect((await owner.post(`${base}/publish`, { teamIds: [team] })).status).toBe(200);
    const scheduler = env.AGENT_SCHEDULER.getByName(appId);
    // The published approval goes away behind the scheduler's back (as a failed sync would leave it).
    const app = await new AppsRepository(env).byId(workspaceId, appId);
    expect(app?.publishedAgents?.hash).toEqual(expect.any(String));
    await new AppsRepository(env).setPublished(workspaceId, appId, {
      snapshot: app!.publishedSnapshot!,
      agents: null,
      versionId: "ver_manual",
      teamIds: [team],
      byUserId: owner.id,
      at: new Date(),
    });
    expect(await runDurableObjectAlarm(scheduler)).toBe(true);
    expect(await scheduler.upcoming()).toEqual({ version: null, next: {} });
    expect((await owner.get(`${base}/agent-runs`)).body.runs).toHaveLength(0);
  }, 60_000);
});
