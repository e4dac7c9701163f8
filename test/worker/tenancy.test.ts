import { describe, expect, it } from "vitest";
import { Person, signedIn, workspaceWithPeople } from "./support/person.ts";

type Ids = { ws: string; team: string; user: string; invitation: string };
type Route = { method: string; path: (ids: Ids) => string; body?: object | ((ids: Ids) => object) };

/** Every workspace route, with a valid body, so only the guard can refuse. */
const routes: Route[] = [
  { method: "GET", path: (i) => `/api/workspaces/${i.ws}` },
  { method: "PATCH", path: (i) => `/api/workspaces/${i.ws}`, body: { name: "Renamed" } },
  { method: "GET", path: (i) => `/api/workspaces/${i.ws}/members` },
  { method: "POST", path: (i) => `/api/workspaces/${i.ws}/members`, body: { email: "probe@example.com", displayName: "Probe" } },
  { method: "PATCH", path: (i) => `/api/workspaces/${i.ws}/members/${i.user}`, body: { role: "admin" } },
  { method: "DELETE", path: (i) => `/api/workspaces/${i.ws}/members/${i.user}` },
  { method: "GET", path: (i) => `/api/workspaces/${i.ws}/teams` },
  { method: "POST", path: (i) => `/api/workspaces/${i.ws}/teams`, body: { name: "Probe team" } },
  { method: "PATCH", path: (i) => `/api/workspaces/${i.ws}/teams/${i.team}`, body: { name: "Probe team 2" } },
  { method: "DELETE", path: (i) => `/api/workspaces/${i.ws}/teams/${i.team}` },
  { method: "GET", path: (i) => `/api/workspaces/${i.ws}/teams/${i.team}/members` },
  { method: "POST", path: (i) => `/api/workspaces/${i.ws}/teams/${i.team}/members`, body: (i: Ids) => ({ userId: i.user }) },
  { method: "DELETE", path: (i) => `/api/workspaces/${i.ws}/teams/${i.team}/members/${i.user}` },
  { method: "GET", path: (i) => `/api/workspaces/${i.ws}/invitations` },
  { method: "POST", path: (i) => `/api/workspaces/${i.ws}/invitations`, body: { email: "inv@example.com" } },
  { method: "DELETE", path: (i) => `/api/workspaces/${i.ws}/invitations/${i.invitation}` },
  { method: "GET", path: (i) => `/api/workspaces/${i.ws}/audit` },
  { method: "GET", path: (i) => `/api/workspaces/${i.ws}/events` },
];

async function call(person: Person, route: Route, ids: Ids) {
  const body = typeof route.body === "function" ? route.body(ids) : route.body;
  const reply = await person.request(route.method, route.path(ids), body);
  return reply.status;
}

describe("tenancy guard", () => {
  it("answers 404 to a signed-in stranger on every workspace route, and 401 without a cookie", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("victim");
    const team = (await owner.post(`/api/workspaces/${workspaceId}/teams`, { name: "Secret" })).body.team.id;
    const ids: Ids = { ws: workspaceId, team, user: owner.id, invitation: "inv_x" };
    const stranger = await signedIn("stranger");
    await stranger.post("/api/workspaces", { name: "Stranger's own" });
    const anonymous = new Person("Anon", "anon@example.com");
    for (const route of routes) {
      expect.soft(await call(stranger, route, ids), `${route.method} ${route.path(ids)} as stranger`).toBe(404);
      expect.soft(await call(anonymous, route, ids), `${route.method} ${route.path(ids)} without cookie`).toBe(401);
    }
    // Nothing the stranger tried changed anything.
    const teams = (await owner.get(`/api/workspaces/${workspaceId}/teams`)).body.teams;
    expect(teams.map((t: { name: string }) => t.name).sort()).toEqual(["General", "Secret"]);
    expect((await owner.get(`/api/workspaces/${workspaceId}`)).body.workspace.name).toBe("victim Inc");
  });

  it("answers 404 to an admin of another workspace using foreign ids inside their own workspace", async () => {
    const a = await workspaceWithPeople("alpha");
    const b = await workspaceWithPeople("beta");
    const foreignTeam = (await a.owner.post(`/api/workspaces/${a.workspaceId}/teams`, { name: "Alpha only" })).body.team.id;
    // Their own workspace id, someone else's team / user ids.
    const ids: Ids = { ws: b.workspaceId, team: foreignTeam, user: a.member.id, invitation: "inv_x" };
    const nested = routes.filter((r) => r.path(ids).includes(foreignTeam) || r.path(ids).includes(a.member.id));
    expect(nested.length).toBeGreaterThan(5);
    for (const route of nested) {
      const status = await call(b.owner, route, ids);
      expect.soft(status, `${route.method} ${route.path(ids)} with foreign ids`).toBe(404);
    }
    expect((await a.owner.get(`/api/workspaces/${a.workspaceId}/teams/${foreignTeam}/members`)).body.members).toEqual([]);
  });

  it("answers 403 to a member without the permission, and lets them read what members may read", async () => {
    const { member, owner, workspaceId } = await workspaceWithPeople("perm");
    const team = (await owner.post(`/api/workspaces/${workspaceId}/teams`, { name: "T" })).body.team.id;
    const ids: Ids = { ws: workspaceId, team, user: owner.id, invitation: "inv_x" };
    const forbidden = routes.filter((r) => r.method !== "GET" || r.path(ids).endsWith("/audit") || r.path(ids).endsWith("/invitations"));
    for (const route of forbidden) {
      expect.soft(await call(member, route, ids), `${route.method} ${route.path(ids)} as member`).toBe(403);
    }
    for (const path of [`/api/workspaces/${workspaceId}`, `/api/workspaces/${workspaceId}/members`, `/api/workspaces/${workspaceId}/teams`]) {
      expect.soft((await member.get(path)).status, path).toBe(200);
    }
  });
});
