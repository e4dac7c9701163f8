import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { saveDraftSnapshot } from "../../../worker/services/snapshot-service.ts";
import { ORIGIN, type Person } from "./person.ts";

/** A built app's files: a tiny dist/index.html that says which version it is. */
export const builtFiles = (label: string, extra: Record<string, string> = {}) => ({
  "src/App.tsx": `export default () => "${label}";`,
  "dist/index.html": `<!doctype html><html><head></head><body><p id="v">${label}</p></body></html>`,
  ...extra,
});

/** Saves a draft exactly as a finished builder turn does. */
export const saveDraft = (workspaceId: string, appId: string, files: Record<string, string>) => saveDraftSnapshot(env, workspaceId, appId, files);

export async function createApp(person: Person, workspaceId: string, name = "Leave planner"): Promise<string> {
  const reply = await person.post(`/api/workspaces/${workspaceId}/apps`, { name });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.app.id;
}

export async function createTeam(owner: Person, workspaceId: string, name: string, members: Person[]): Promise<string> {
  const team = await owner.post(`/api/workspaces/${workspaceId}/teams`, { name });
  expect(team.status, JSON.stringify(team.body)).toBe(201);
  for (const person of members) {
    const added = await owner.post(`/api/workspaces/${workspaceId}/teams/${team.body.team.id}/members`, { userId: person.id });
    expect(added.status, JSON.stringify(added.body)).toBeLessThan(300);
  }
  return team.body.team.id;
}

export async function auditNames(owner: Person, workspaceId: string): Promise<string[]> {
  const reply = await owner.get(`/api/workspaces/${workspaceId}/audit?category=apps&limit=200`);
  return reply.body.events.map((e: { eventName: string }) => e.eventName);
}

/** A GET as the person's browser would send it, answered raw (HTML pages and app documents). */
export function rawGet(person: Person, path: string): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers: person.cookie ? { cookie: person.cookie } : {}, redirect: "manual" }));
}
