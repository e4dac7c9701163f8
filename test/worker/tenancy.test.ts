import { describe, expect, it } from "vitest";
import { endpoints, fillPath, label, send, type Endpoint } from "./support/routes.ts";
import { ORIGIN, type Person, signedIn, workspaceWithPeople } from "./support/person.ts";
import { storedState } from "./support/stored-state.ts";

/** Routes anyone may call without signing in. Every other route, including ones added later, must answer 401. */
const PUBLIC = new Set(["GET /api/health", "POST /api/auth/identity", "POST /api/auth/logout", "POST /api/analytics/capture"]);

const INTERNAL = "/api/internal/";
const WORKSPACE = "/api/workspaces/:wId";

type Ids = Record<string, string>;

/** A workspace with one of every resource a path can name. */
async function tenant(label: string) {
  const people = await workspaceWithPeople(label);
  const { owner, member, workspaceId } = people;
  const base = `/api/workspaces/${workspaceId}`;
  const aId = (await owner.post(`${base}/apps`, { name: `${label} app` })).body.app.id;
  const teamId = (await owner.post(`${base}/teams`, { name: `${label} team` })).body.team.id;
  const docId = (await owner.post(`${base}/apps/${aId}/data`, { collection: "leads", data: { secret: label } })).body.doc._id;
  const runId = (await owner.post(`${base}/apps/${aId}/runs`, {})).body.run.id;
  const ids: Ids = { wId: workspaceId, aId, teamId, docId, runId, userId: member.id, invitationId: `inv_${label}_none` };
  return { ...people, ids };
}

/** Ids of the right shape that exist nowhere: what a foreign id must be indistinguishable from. */
const nowhere: Ids = {
  aId: "app_nowhere0000000000000",
  teamId: "team_nowhere000000000000",
  docId: "doc_nowhere00000000000",
  runId: "run_nowhere0000000000000",
  userId: "usr_nowhere0000000000000",
  invitationId: "inv_nowhere000000000000",
};

async function call(person: Person | null, endpoint: Endpoint, idFor: (param: string, index: number) => string) {
  const path = `${fillPath(endpoint, (param, i) => encodeURIComponent(idFor(param, i)))}?collection=leads`;
  const headers: Record<string, string> = { origin: ORIGIN, "content-type": "application/json" };
  if (person?.cookie) headers.cookie = person.cookie;
  const sent = await send(endpoint.method, path, headers, endpoint.method === "GET" ? undefined : "{}");
  return { ...sent, path, code: (sent.body as { error?: { code?: string } } | null)?.error?.code ?? null };
}

describe("tenancy matrix over every enumerated route", () => {
  it("anonymous gets 401, a stranger 404, another workspace's member, admin and owner never see a foreign id", { timeout: 300_000 }, async () => {
    const routes = endpoints();
    expect(routes.length).toBeGreaterThan(40);
    const victim = await tenant("victim");
    const other = await tenant("other");
    const stranger = await signedIn("stranger");
    await stranger.post("/api/workspaces", { name: "Stranger's own" });
    const victimState = await storedState(victim.workspaceId);
    const own = (ids: Ids) => (param: string) => ids[param] ?? `${param}_unknown`;

    for (const endpoint of routes) {
      const name = label(endpoint);
      const inWorkspace = endpoint.path.startsWith(WORKSPACE);
      const internal = endpoint.path.startsWith(INTERNAL);

      // Anonymous: 401 everywhere but the public routes.
      // The published-app pages (/a/...) are for browsers: anonymous visitors are sent to sign in or
      // see the not-found page, never the app.
      if (!PUBLIC.has(name)) {
        const anon = await call(null, endpoint, own(victim.ids));
        if (endpoint.path.startsWith("/a/")) expect.soft([301, 302, 401, 404], `${name} anonymous`).toContain(anon.status);
        else expect.soft(anon.status, `${name} anonymous`).toBe(401);
      }

      // Internal endpoints never take a session, whoever's.
      if (internal) {
        for (const person of [stranger, other.owner, victim.owner]) {
          expect.soft((await call(person, endpoint, own(victim.ids))).status, `${name} with a session cookie`).toBe(401);
        }
        continue;
      }

      if (inWorkspace) {
        // A stranger and every role of another workspace: the victim's workspace does not exist for them.
        for (const [who, person] of [
          ["stranger", stranger],
          ["other member", other.member],
          ["other admin", other.admin],
          ["other owner", other.owner],
        ] as const) {
          const reply = await call(person, endpoint, own(victim.ids));
          expect.soft(reply.status, `${name} as ${who} on the victim's workspace`).toBe(404);
        }
        // Inside their own workspace, the victim's ids from each nesting level on are as good as nonexistent.
        for (let cut = 1; cut < endpoint.params.length; cut++) {
          // Only where a victim's id really is in the path (a parameter the fixture has no id for is not foreign).
          if (!endpoint.params.slice(cut).some((param) => param in victim.ids)) continue;
          for (const [who, person] of [
            ["other member", other.member],
            ["other admin", other.admin],
            ["other owner", other.owner],
          ] as const) {
            const mixed = (ids: Ids) => (param: string, i: number) => (i < cut ? other.ids[param] : ids[param]) ?? `${param}_unknown`;
            const foreign = await call(person, endpoint, mixed(victim.ids));
            const missing = await call(person, endpoint, mixed(nowhere));
            const where = `${name} as ${who} with the victim's ${endpoint.params.slice(cut).join(", ")}`;
            expect.soft(foreign.status, where).toBeGreaterThanOrEqual(400);
            expect.soft(foreign.status, where).toBeLessThan(500);
            expect.soft([foreign.status, foreign.code], `${where}: same answer as an id that exists nowhere`).toEqual([missing.status, missing.code]);
          }
        }
      } else if (endpoint.params.length > 0) {
        // Account-level routes that name a resource (e.g. accepting an invitation) by a foreign id.
        const reply = await call(stranger, endpoint, own(victim.ids));
        expect.soft(reply.status, `${name} as stranger with the victim's ids`).toBeGreaterThanOrEqual(400);
      }

      // The victim's own people: reads never fail on the server.
      if (inWorkspace && endpoint.method === "GET") {
        for (const [who, person] of [
          ["member", victim.member],
          ["admin", victim.admin],
          ["owner", victim.owner],
        ] as const) {
          const reply = await call(person, endpoint, own(victim.ids));
          expect.soft(reply.status, `${name} as the victim's ${who}`).toBeLessThan(500);
        }
      }
    }
    // Nothing anyone tried changed the victim's workspace.
    expect(await storedState(victim.workspaceId)).toBe(victimState);
  });

  it("answers 403 to a member without the permission, and lets them read what members may read", async () => {
    const { member, owner, workspaceId } = await workspaceWithPeople("perm");
    const team = (await owner.post(`/api/workspaces/${workspaceId}/teams`, { name: "T" })).body.team.id;
    const writes: [string, string, object?][] = [
      ["PATCH", `/api/workspaces/${workspaceId}`, { name: "Renamed" }],
      ["POST", `/api/workspaces/${workspaceId}/members`, { email: "probe@example.com", displayName: "Probe" }],
      ["PATCH", `/api/workspaces/${workspaceId}/members/${owner.id}`, { role: "admin" }],
      ["DELETE", `/api/workspaces/${workspaceId}/members/${owner.id}`],
      ["POST", `/api/workspaces/${workspaceId}/teams`, { name: "Probe team" }],
      ["PATCH", `/api/workspaces/${workspaceId}/teams/${team}`, { name: "Probe team 2" }],
      ["DELETE", `/api/workspaces/${workspaceId}/teams/${team}`],
      ["GET", `/api/workspaces/${workspaceId}/invitations`],
      ["GET", `/api/workspaces/${workspaceId}/audit`],
      ["GET", `/api/workspaces/${workspaceId}/usage`],
      ["GET", `/api/workspaces/${workspaceId}/usage?format=csv`],
    ];
    for (const [method, path, body] of writes) expect.soft((await member.request(method, path, body)).status, `${method} ${path} as member`).toBe(403);
    for (const path of [`/api/workspaces/${workspaceId}`, `/api/workspaces/${workspaceId}/members`, `/api/workspaces/${workspaceId}/teams`]) {
      expect.soft((await member.get(path)).status, path).toBe(200);
    }
  });
});
