import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/app.ts";
import { Person, type Reply, uniqueEmail } from "./support/person.ts";
import { assertRateLimitConfig, limitFor } from "../../worker/rate-limit/limits.ts";

const app = createApp();

/** People who reach a Worker configured with `settings` (low limits, so a flood is a few requests). */
function world(settings: Record<string, string>) {
  const configured = { ...env, ...settings };
  const person = async (name: string) => {
    const p = new Person(name, uniqueEmail(name.toLowerCase()));
    p.fetcher = (request) => Promise.resolve(app.fetch(request, configured, createExecutionContext()));
    return p.signIn();
  };
  return { person };
}

function expectRateLimited(reply: Reply) {
  expect(reply.status).toBe(429);
  expect(reply.body.error.code).toBe("rate_limited");
  expect(reply.body.error.message).toMatch(/try again in \d+ s/i);
  const retryAfter = Number(reply.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  return retryAfter;
}

async function workspace(owner: Person, ...members: Person[]) {
  const id: string = (await owner.post("/api/workspaces", { name: `${owner.displayName}'s` })).body.workspace.id;
  for (const m of members) expect((await owner.post(`/api/workspaces/${id}/members`, { email: m.email, displayName: m.displayName, role: "admin" })).status).toBe(201);
  const newApp = async (name: string): Promise<string> => (await owner.post(`/api/workspaces/${id}/apps`, { name })).body.app.id;
  return { id, newApp };
}

const insert = (p: Person, ws: string, appId: string, n: number) => p.post(`/api/workspaces/${ws}/apps/${appId}/data?version=draft`, { collection: "rows", data: { n } });

describe("rate limits", () => {
  it("limits data writes per app, per person and per workspace; a refused write writes nothing; other workspaces are unaffected", async () => {
    const { person } = world({
      SECOND_RATE_LIMIT_DATA_WRITES_PER_APP: "5/60",
      SECOND_RATE_LIMIT_DATA_WRITES_PER_USER: "8/60",
      SECOND_RATE_LIMIT_DATA_WRITES_PER_WORKSPACE: "10/60",
    });
    const owner = await person("Flooder");
    const colleague = await person("Colleague");
    const ws = await workspace(owner, colleague);
    const [a, b, c] = [await ws.newApp("A"), await ws.newApp("B"), await ws.newApp("C")];

    for (let i = 0; i < 5; i++) expect((await insert(owner, ws.id, a, i)).status).toBe(201);
    const perApp = await insert(owner, ws.id, a, 99);
    expect(expectRateLimited(perApp)).toBeLessThanOrEqual(60);
    expect(perApp.body.error.message).toMatch(/this app/);
    // The same app refuses updates and deletes too; the draft list still holds five documents.
    const docs = (await owner.get(`/api/workspaces/${ws.id}/apps/${a}/data?version=draft&collection=rows`)).body.docs;
    expect(docs).toHaveLength(5);
    expectRateLimited(await owner.patch(`/api/workspaces/${ws.id}/apps/${a}/data/${docs[0]._id}?version=draft`, { collection: "rows", data: { n: -1 } }));
    expectRateLimited(await owner.delete(`/api/workspaces/${ws.id}/apps/${a}/data/${docs[0]._id}?version=draft&collection=rows`));

    for (let i = 0; i < 3; i++) expect((await insert(owner, ws.id, b, i)).status).toBe(201);
    const perUser = await insert(owner, ws.id, b, 99);
    expectRateLimited(perUser);
    expect(perUser.body.error.message).toMatch(/from you/);
    for (let i = 0; i < 2; i++) expect((await insert(colleague, ws.id, c, 10 + i)).status).toBe(201);
    const perWorkspace = await insert(colleague, ws.id, c, 99);
    expectRateLimited(perWorkspace);
    expect(perWorkspace.body.error.message).toMatch(/this workspace/);

    const count = async (appId: string) => (await owner.get(`/api/workspaces/${ws.id}/apps/${appId}/data?version=draft&collection=rows`)).body.docs.length;
    expect([await count(a), await count(b), await count(c)]).toEqual([5, 3, 2]);

    const other = await workspace(colleague);
    expect((await insert(colleague, other.id, await other.newApp("Elsewhere"), 1)).status).toBe(201);
  });

  it("lets no stranger spend a workspace's budget: their flood ends at the 404", async () => {
    const { person } = world({ SECOND_RATE_LIMIT_DATA_WRITES_PER_WORKSPACE: "3/60", SECOND_RATE_LIMIT_WRITES_PER_USER: "1000/60" });
    const owner = await person("Victim");
    const ws = await workspace(owner);
    const appId = await ws.newApp("Target");
    const stranger = await person("Stranger");
    for (let i = 0; i < 10; i++) expect((await insert(stranger, ws.id, appId, i)).status).toBe(404);
    for (let i = 0; i < 3; i++) expect((await insert(owner, ws.id, appId, i)).status).toBe(201);
    expectRateLimited(await insert(owner, ws.id, appId, 3));
  });

  it("limits builder turns (new runs and chat messages) per person", async () => {
    const { person } = world({ SECOND_RATE_LIMIT_BUILDER_TURNS_PER_USER: "2/60" });
    const owner = await person("Builder");
    const ws = await workspace(owner);
    const appId = await ws.newApp("Built");
    const runs = `/api/workspaces/${ws.id}/apps/${appId}/runs`;
    expect((await owner.post(runs, {})).status).toBe(201);
    expect((await owner.post(runs, {})).status).toBe(201);
    expectRateLimited(await owner.post(runs, {}));
    expect((await owner.get(runs)).body.runs).toHaveLength(2);
    const chat = await owner.post(`${runs}/run_whatever/chat`, { messages: [] });
    expectRateLimited(chat);
  });

  it("limits other state changes per person, analytics per person, and sign-ins per client address", async () => {
    const { person } = world({ SECOND_RATE_LIMIT_WRITES_PER_USER: "3/60", SECOND_RATE_LIMIT_ANALYTICS_PER_USER: "2/60", SECOND_RATE_LIMIT_ANONYMOUS_WRITES_PER_CLIENT: "4/60" });
    const owner = await person("Busy");
    for (let i = 0; i < 3; i++) expect((await owner.post("/api/workspaces", { name: `W${i}` })).status).toBe(201);
    expectRateLimited(await owner.post("/api/workspaces", { name: "One too many" }));
    expect((await owner.get("/api/me")).body.workspaces).toHaveLength(3);

    const capture = () => owner.post("/api/analytics/capture", { event: "page viewed", anonymousId: "anon_0b5e3c1a-7d2f-4e8a-9c61-5a4f3e2d1c0b" });
    expect((await capture()).status).toBe(202);
    expect((await capture()).status).toBe(202);
    expectRateLimited(await capture());

    const bot = Object.assign(new Person("Bot", "bot@example.com"), { fetcher: owner.fetcher });
    const signIn = (n: number) => {
      bot.cookie = null; // each attempt arrives without a session, as a flood of new sign-ins would
      return bot.request("POST", "/api/auth/identity", { displayName: "Bot", email: uniqueEmail(`bot${n}`) }, { "cf-connecting-ip": "203.0.113.7" });
    };
    // person() above signed in from no address ("local"); this address has its own budget.
    for (let i = 0; i < 4; i++) expect((await signIn(i)).status).toBe(200);
    expectRateLimited(await signIn(4));

    // Signing out is never refused, however many changes came before.
    const cookie = owner.cookie;
    expect((await owner.post("/api/auth/logout")).status).toBe(200);
    expect((await Object.assign(new Person("Old", "old@example.com"), { fetcher: owner.fetcher, cookie }).get("/api/me")).status).toBe(401);
  });

  it("turns off with SECOND_RATE_LIMITS=off, and refuses a malformed limit at startup, naming the variable", async () => {
    const { person } = world({ SECOND_RATE_LIMITS: "off", SECOND_RATE_LIMIT_DATA_WRITES_PER_APP: "1/60" });
    const owner = await person("Bench");
    const ws = await workspace(owner);
    const appId = await ws.newApp("Fast");
    for (let i = 0; i < 5; i++) expect((await insert(owner, ws.id, appId, i)).status).toBe(201);
    expect(limitFor({ ...env, SECOND_RATE_LIMITS: "off" }, "dataWritesPerApp")).toBeNull();
    expect(limitFor(env, "dataWritesPerApp")).toEqual({ limit: 6000, periodMs: 60_000 });
    expect(() => assertRateLimitConfig({ ...env, SECOND_RATE_LIMIT_DATA_WRITES_PER_APP: "lots" })).toThrow(/SECOND_RATE_LIMIT_DATA_WRITES_PER_APP/);
    expect(() => assertRateLimitConfig({ ...env, SECOND_RATE_LIMIT_INVITATIONS_PER_USER: "0/60" })).toThrow(/SECOND_RATE_LIMIT_INVITATIONS_PER_USER/);
    expect(() => assertRateLimitConfig({ ...env, SECOND_RATE_LIMITS: "maybe" })).toThrow(/SECOND_RATE_LIMITS/);
    expect(() => assertRateLimitConfig({ ...env, SECOND_RATE_LIMIT_DATA_WRITES_PER_APP: "100000/1" })).not.toThrow();
  });
});
