import { describe, expect, inject, it } from "vitest";
import { workspaceWithPeople } from "./support/person.ts";
import { chat, readRaw, userMessage } from "./support/builder-turn.ts";
import { capturedEvents, waitForEvents, type CapturedEvent } from "./support/posthog.ts";

async function builderRun(label: string, identified: boolean) {
  const people = await workspaceWithPeople(label);
  if (identified) expect((await people.owner.patch("/api/me/usage-data", { anonymized: false })).status).toBe(200);
  const appId: string = (await people.owner.post(`/api/workspaces/${people.workspaceId}/apps`, { name: "Secret payroll" })).body.app.id;
  const base = `/api/workspaces/${people.workspaceId}/apps/${appId}/runs`;
  const runId: string = (await people.owner.post(base, {})).body.run.id;
  return { ...people, appId, base, runId };
}

const ofRun = (events: CapturedEvent[], runId: string, name: string) => events.find((e) => e.event === name && e.properties.run_id === runId);

describe("build completed / build failed, sent by the run object when the turn ends", () => {
  it("sends build completed with the turn's counts, duration and model", async () => {
    const { owner, base, runId, appId } = await builderRun("build-ok", true);
    await readRaw(await chat(owner, base, runId, [userMessage("u1", "Build a lead tracker")]));
    const events = await waitForEvents((all) => ofRun(all, runId, "build completed") !== undefined);
    const event = ofRun(events, runId, "build completed")!;
    expect(event.distinct_id).toBe(owner.id);
    expect(event.properties).toMatchObject({
      source: "server",
      message_count: 2,
      build_count: 1,
      build_error_count: 0,
      model: "claude-sonnet-5-5",
      demo_model: true,
      app_id: appId,
    });
    expect(event.properties.tool_call_count).toBeGreaterThan(0);
    expect(event.properties.file_count).toBeGreaterThan(0);
    expect(event.properties.duration_ms).toBeGreaterThanOrEqual(0);
    expect(ofRun(events, runId, "build failed")).toBeUndefined();
  }, 120_000);

  it("sends build failed with the phase and a code, never the error's text, when the runner dies", async () => {
    const { owner, base, runId, appId } = await builderRun("build-fail", true);
    await fetch(`${inject("runnerUrl")}/__test/kill-next-turn?after=12&app=${appId}`);
    await readRaw(await chat(owner, base, runId, [userMessage("u1", "Build a lead tracker")]));
    const events = await waitForEvents((all) => ofRun(all, runId, "build failed") !== undefined);
    const event = ofRun(events, runId, "build failed")!;
    expect(event.properties).toMatchObject({ failure_phase: "runner", error_code: "runner_unreachable", message_count: 2 });
    expect(JSON.stringify(event)).not.toMatch(/stopped responding/);
  }, 120_000);

  it("strips ids, names and the prompt from an anonymized person's build event", async () => {
    const { owner, base, runId, workspaceId, appId } = await builderRun("build-anon", false);
    const anonymousBuilds = (all: CapturedEvent[]) => all.filter((e) => e.event === "build completed" && e.properties.$process_person_profile === false).length;
    const before = anonymousBuilds(await capturedEvents());
    await readRaw(await chat(owner, base, runId, [userMessage("u1", "Build a payroll tracker for Grace Hopper")]));
    const events = await waitForEvents((all) => anonymousBuilds(all) > before);
    expect(anonymousBuilds(events)).toBeGreaterThan(before);
    const anonymized = events.filter((e) => e.event.startsWith("build ") && e.properties.$process_person_profile === false);
    expect(anonymized.length).toBeGreaterThan(0);
    for (const event of anonymized) {
      expect(event.distinct_id).toMatch(/^anon_/);
      const text = JSON.stringify(event);
      for (const secret of [runId, appId, workspaceId, owner.id, "Grace Hopper", "Secret payroll"]) expect(text).not.toContain(secret);
    }
  }, 120_000);
});
