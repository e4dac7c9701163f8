import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { createParser } from "eventsource-parser";
import { ORIGIN, workspaceWithPeople, type Person } from "./person.ts";
import { builderTurnCapability } from "../../support/capabilities.ts";
import { agentRunEventSchema, type AgentRunEvent } from "../../../shared/agents/agent-run.ts";

export const scorer = { id: "lead-scorer", name: "Lead scorer", description: "Scores new leads.", systemPrompt: "Score every lead.", dataCollections: ["leads"] };

/** Stores a built draft whose agents.json is `agentsJson`, as a builder turn would (a new draft clears another draft's approval). */
export async function seedAgents(workspaceId: string, appId: string, agentsJson: unknown) {
  const files = { "src/App.tsx": "export default 1;", "dist/index.html": "<!doctype html><p>agents</p>", "agents.json": JSON.stringify(agentsJson) };
  const response = await exports.default.fetch(
    new Request(`${ORIGIN}/api/internal/app-snapshots`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await builderTurnCapability(env.SECOND_CAPABILITY_KEY!, { workspaceId, appId })}` },
      body: JSON.stringify({ workspaceId, appId, files }),
    }),
  );
  expect(response.status).toBe(200);
}

/** A workspace with an app whose draft declares `agents`; `approve()` has the admin approve them. */
export async function agentApp(label: string, agents: unknown[] = [scorer]) {
  const people = await workspaceWithPeople(label);
  const appId: string = (await people.owner.post(`/api/workspaces/${people.workspaceId}/apps`, { name: "Scored" })).body.app.id;
  await seedAgents(people.workspaceId, appId, { agents });
  const base = `/api/workspaces/${people.workspaceId}/apps/${appId}`;
  const approve = async () => {
    const hash = (await people.owner.get(`${base}/agents`)).body.draft.hash;
    expect((await people.admin.post(`${base}/agents/approve`, { hash })).status).toBe(200);
  };
  return { ...people, appId, base, approve };
}

/** Polls the run until it is no longer running. */
export async function finishedRun(person: Person, base: string, runId: string) {
  for (let i = 0; i < 400; i++) {
    const run = (await person.get(`${base}/agent-runs/${runId}`)).body.run;
    if (run.status !== "running") return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`agent run ${runId} did not finish`);
}

/** The run's stored events from `cursor`, as the Agents tab's drawer reads them. */
export const runEvents = (person: Person, base: string, runId: string, cursor = 0) =>
  exports.default.fetch(new Request(`${ORIGIN}${base}/agent-runs/${runId}/events?cursor=${cursor}`, { headers: { cookie: person.cookie! } }));

export async function readEvents(response: Response): Promise<{ id: number; event: AgentRunEvent }[]> {
  const events: { id: number; event: AgentRunEvent }[] = [];
  const parser = createParser({ onEvent: (m) => m.data !== "[DONE]" && events.push({ id: Number(m.id), event: agentRunEventSchema.parse(JSON.parse(m.data)) }) });
  parser.feed(await response.text());
  return events;
}
