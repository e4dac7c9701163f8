import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ORIGIN, signedIn, workspaceWithPeople, type Person } from "./support/person.ts";
import { builtFiles, createApp, createTeam, saveDraft } from "./support/publishing.ts";

type Need = "view" | "edit";
interface Route {
  method: string;
  path: string;
  need: Need;
  body?: unknown;
  /** Called only by people who must be refused (it changes state or streams forever when allowed). */
  deniedOnly?: boolean;
}

async function status(person: Person, route: Route): Promise<number> {
  const headers: Record<string, string> = { origin: ORIGIN };
  if (person.cookie) headers.cookie = person.cookie;
  if (route.body !== undefined) headers["content-type"] = "application/json";
  const response = await exports.default.fetch(
    new Request(`${ORIGIN}${route.path}`, { method: route.method, headers, body: route.body === undefined ? undefined : JSON.stringify(route.body), redirect: "manual" }),
  );
  await response.body?.cancel();
  return response.status;
}

/** Every route under an app, plus its served documents, with what the caller must be able to do. */
function appRoutes(workspaceId: string, appId: string, ids: { runId: string; versionId: string; hash: string; userId: string }): Route[] {
  const a = `/api/workspaces/${workspaceId}/apps/${appId}`;
  return [
    { method: "GET", path: a, need: "view" },
    { method: "GET", path: `${a}/files?version=published`, need: "view" },
    { method: "GET", path: `${a}/data?collection=leaves`, need: "view" },
    { method: "GET", path: `${a}/data/collections`, need: "view" },
    { method: "POST", path: `${a}/data`, need: "view", body: { collection: "leaves", data: { who: "probe" } } },
    { method: "GET", path: `${a}/data/stream`, need: "view", deniedOnly: true },
    { method: "GET", path: `/a/${appId}/`, need: "view" },
    { method: "GET", path: `/a/${appId}/${ids.hash}/`, need: "view" },
    { method: "PATCH", path: a, need: "edit", body: { description: "probed" } },
    { method: "DELETE", path: a, need: "edit", deniedOnly: true },
    { method: "GET", path: `${a}/files?version=draft`, need: "edit" },
    { method: "GET", path: `${a}/data?collection=leaves&version=draft`, need: "edit" },
    { method: "POST", path: `${a}/data?version=draft`, need: "edit", body: { collection: "leaves", data: { who: "probe" } } },
    { method: "GET", path: `${a}/data/stream?version=draft`, need: "edit", deniedOnly: true },
    { method: "GET", path: `${a}/runs`, need: "edit" },
    { method: "POST", path: `${a}/runs`, need: "edit", body: {} },
    { method: "GET", path: `${a}/runs/${ids.runId}/chat`, need: "edit" },
    { method: "GET", path: `${a}/runs/${ids.runId}/stream`, need: "edit", deniedOnly: true },
    { method: "POST", path: `${a}/runs/${ids.runId}/stop`, need: "edit", body: {} },
    { method: "GET", path: `${a}/agents`, need: "edit" },
    { method: "POST", path: `${a}/agents/approve`, need: "view", body: { hash: "0".repeat(64) }, deniedOnly: true },
    { method: "GET", path: `${a}/versions`, need: "edit" },
    { method: "GET", path: `${a}/versions/${ids.versionId}/files`, need: "edit" },
    { method: "POST", path: `${a}/versions/${ids.versionId}/restore`, need: "edit", deniedOnly: true },
    { method: "GET", path: `${a}/collaborators`, need: "edit" },
    { method: "POST", path: `${a}/collaborators`, need: "edit", body: { userId: ids.userId }, deniedOnly: true },
    { method: "DELETE", path: `${a}/collaborators/${ids.userId}`, need: "edit", deniedOnly: true },
    { method: "POST", path: `${a}/publish`, need: "edit", body: { teamIds: ["team_x"] }, deniedOnly: true },
    { method: "GET", path: `/a/${appId}/draft/${ids.hash}/`, need: "edit" },
  ];
}

describe("app visibility", () => {
  it("shows each app route to exactly the people the rule allows, and 404 to everyone else", async () => {
    const { owner, admin, member: creator, workspaceId } = await workspaceWithPeople("vis");
    const people = { collaborator: await signedIn("vis-collab"), teamMember: await signedIn("vis-team"), outsider: await signedIn("vis-out") };
    for (const person of Object.values(people)) {
      expect((await owner.post(`/api/workspaces/${workspaceId}/members`, { email: person.email, displayName: person.displayName })).status).toBe(201);
    }
    const stranger = await signedIn("vis-stranger");
    await stranger.post("/api/workspaces", { name: "Elsewhere" });
    const team = await createTeam(owner, workspaceId, "Finance", [people.teamMember]);

    const published = await createApp(creator, workspaceId, "Expenses");
    expect((await creator.post(`/api/workspaces/${workspaceId}/apps/${published}/collaborators`, { userId: people.collaborator.id })).status).toBe(201);
    const snap = await saveDraft(workspaceId, published, builtFiles("expenses"));
    expect((await owner.post(`/api/workspaces/${workspaceId}/apps/${published}/publish`, { teamIds: [team] })).status).toBe(200);
    const runId = (await creator.post(`/api/workspaces/${workspaceId}/apps/${published}/runs`, {})).body.run.id;
    const versionId = (await owner.get(`/api/workspaces/${workspaceId}/apps/${published}/versions`)).body.versions[0].id;
    const routes = appRoutes(workspaceId, published, { runId, versionId, hash: snap.hash, userId: people.outsider.id });

    const may: Record<string, Need | null> = { owner: "edit", admin: "edit", creator: "edit", collaborator: "edit", teamMember: "view", outsider: null, stranger: null };
    const everyone: Record<string, Person> = { owner, admin, creator, ...people, stranger };
    for (const [name, person] of Object.entries(everyone)) {
      for (const route of routes) {
        const allowed = may[name] === "edit" || (may[name] === "view" && route.need === "view");
        if (allowed && route.deniedOnly) continue;
        const got = await status(person, route);
        const label = `${name}: ${route.method} ${route.path}`;
        if (allowed) expect.soft(got, label).not.toBe(404);
        else expect.soft(got, label).toBe(404);
      }
    }
    // Nothing a refused person tried changed the app.
    const app = (await owner.get(`/api/workspaces/${workspaceId}/apps/${published}`)).body.app;
    expect(app).toMatchObject({ collaboratorUserIds: [people.collaborator.id], publishedSnapshot: { hash: snap.hash } });

    // The lists agree with the routes.
    const listed = async (p: Person) => (await p.get(`/api/workspaces/${workspaceId}/apps`)).body.apps.map((a: { id: string }) => a.id);
    const draftOnly = await createApp(creator, workspaceId, "Secret draft");
    expect(await listed(people.teamMember)).toEqual([published]);
    expect(await listed(people.outsider)).toEqual([]);
    expect((await listed(people.collaborator)).sort()).toEqual([published]);
    expect((await listed(admin)).sort()).toEqual([published, draftOnly].sort());
    expect((await people.teamMember.get(`/api/workspaces/${workspaceId}/apps/${draftOnly}`)).status).toBe(404);
    expect((await people.outsider.get(`/api/workspaces/${workspaceId}/reviews`)).body.reviews).toEqual([]);
  }, 180_000);

  it("collaborators are managed by the creator, owners and admins; removing one ends their access", async () => {
    const { owner, member: creator, workspaceId } = await workspaceWithPeople("collab");
    const helper = await signedIn("collab-helper");
    const other = await signedIn("collab-other");
    for (const p of [helper, other]) await owner.post(`/api/workspaces/${workspaceId}/members`, { email: p.email, displayName: p.displayName });
    const stranger = await signedIn("collab-stranger");
    const appId = await createApp(creator, workspaceId);
    const base = `/api/workspaces/${workspaceId}/apps/${appId}/collaborators`;
    expect((await creator.post(base, { userId: stranger.id })).status).toBe(404);
    expect((await creator.post(base, { userId: 42 })).status).toBe(400);
    expect((await creator.post(base, { userId: helper.id })).status).toBe(201);
    expect((await creator.post(base, { userId: helper.id })).status).toBe(201);
    expect((await creator.get(base)).body.collaborators).toEqual([{ userId: helper.id, displayName: helper.displayName, email: helper.email }]);
    // A collaborator builds the app but does not decide who else does.
    expect((await helper.get(`/api/workspaces/${workspaceId}/apps/${appId}`)).status).toBe(200);
    expect((await helper.post(base, { userId: other.id })).status).toBe(403);
    expect((await helper.patch(`/api/workspaces/${workspaceId}/apps/${appId}`, { collaboratorUserIds: [helper.id, other.id] })).status).toBe(403);
    expect((await other.get(`/api/workspaces/${workspaceId}/apps/${appId}`)).status).toBe(404);
    expect((await owner.delete(`${base}/${helper.id}`)).status).toBe(200);
    expect((await owner.delete(`${base}/${helper.id}`)).status).toBe(404);
    expect((await helper.get(`/api/workspaces/${workspaceId}/apps/${appId}`)).status).toBe(404);
    const audit = (await owner.get(`/api/workspaces/${workspaceId}/audit?category=apps`)).body.events.map((e: { eventName: string }) => e.eventName);
    expect(audit).toEqual(expect.arrayContaining(["app.collaborator_added", "app.collaborator_removed"]));
  });
});
