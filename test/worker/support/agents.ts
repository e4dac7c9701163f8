import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { createParser } from "eventsource-parser";
import { workspaceWithPeople, ORIGIN, type Person } from "./person.ts";
import { builtFiles, saveDraft } from "./publishing.ts";
import { agentRunEventSchema, type AgentRunEvent } from "../../../shared/agents/agent-run.ts";

export const scorer = { id: "lead-scorer", name: "Lead scorer", description: "Scores new leads.", systemPrompt: "Score every lead.", dataCollections: ["leads"] };

/** A new built draft whose agents.json is `agentsJson` (a new draft clears the approval of another one). */
export async function seedAgents(workspaceId: string, appId: string, agentsJson: unknown): Promise<void> {
  await saveDraft(workspaceId, appId, builtFiles("agents", { "agents.json": JSON.stringify(agentsJson) }));
}

/** A workspace with an app whose draft declares `agents`, and a way to approve the current draft. */
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

/** The run's stored events from `cursor`, as the Agents tab's drawer reads them. */
export const runEvents = (person: Person, base: string, runId: string, cursor = 0) =>
  exports.default.fetch(new Request(`${ORIGIN}${base}/agent-runs/${runId}/events?cursor=${cursor}`, { headers: { cookie: person.cookie! } }));

export async function readEvents(response: Response): Promise<{ id: number; event: AgentRunEvent }[]> {
  const events: { id: number; event: AgentRunEvent }[] = [];
  const parser = createParser({ onEvent: (m) => m.data !== "[DONE]" && events.push({ id: Number(m.id), event: agentRunEventSchema.parse(JSON.parse(m.data)) }) });
  parser.feed(await response.text());
  return events;
}
