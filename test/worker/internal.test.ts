import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { workspaceWithPeople } from "./support/person.ts";
import { SseReader } from "./support/sse-reader.ts";
import { agentRunCapability, builderTurnCapability, runnerCallCapability } from "../support/capabilities.ts";
import { signCapability } from "../../shared/capability/tokens.ts";

const RELAY_TOKEN = "test-relay-token"; // test/worker/vitest.config.ts
const KEY = env.SECOND_CAPABILITY_KEY!;
/** Another key pair's private JWK: what a forger would sign with. */
const forgedKey = async () => {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  return JSON.stringify(await crypto.subtle.exportKey("jwk", pair.privateKey));
};

const snapshotCapability = (workspaceId: string, appId: string) => builderTurnCapability(KEY, { workspaceId, appId });
const seedSnapshot = async (workspaceId: string, appId: string, files: Record<string, string>) =>
  internal("app-snapshots", { workspaceId, appId, files }, await snapshotCapability(workspaceId, appId));

function internal(path: string, body: unknown, token: string | null) {
  return exports.default.fetch(
    new Request(`http://example.com/api/internal/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
  );
}

/** A relay batch in the shape the ChangeRelay posts (MongoDB change events, dates as ISO strings). */
function relayChange(eventId: string, workspaceId: string, appId: string, docId: string, name: string) {
  const doc = { _id: docId, workspaceId, appId, collection: "leads", data: { name }, createdAt: "2026-11-01T00:00:00.000Z", updatedAt: "2026-11-01T00:00:00.000Z" };
  return { eventId, operationType: "insert", documentKey: { _id: docId }, fullDocument: doc };
}

describe("internal endpoints", () => {
  it("refuse requests without a credential, with a forged, expired or wrong-kind one, and a cookie never counts", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("internal-auth");
    const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Guarded" })).body.app.id;
    const files = { "src/App.tsx": "export default 'forged';" };
    const body = { workspaceId, appId, files };
    const target = { workspaceId, appId };
    const refused = [
      null,
      "wrong",
      RELAY_TOKEN, // the relay's credential allows data-changes only
      await builderTurnCapability(await forgedKey(), target),
      await builderTurnCapability(KEY, target, { ttlSeconds: -30 }),
      await runnerCallCapability(KEY, target), // the platform's call to a runner is not a call-back
      await agentRunCapability(KEY, { ...target, agentId: "a", collections: [] }),
      // alg "none" and a token signed with a symmetric key are both refused
      `${btoa(JSON.stringify({ alg: "none" })).replace(/=+$/, "")}.${btoa(JSON.stringify({ purpose: "builder-turn", wid: workspaceId, app: appId })).replace(/=+$/, "")}.`,
    ];
    for (const token of refused) expect((await internal("app-snapshots", body, token)).status, String(token).slice(0, 30)).toBe(401);
    for (const token of [null, "wrong", await snapshotCapability(workspaceId, appId)]) {
      expect((await internal("data-changes", { changes: [] }, token)).status).toBe(401);
    }
    const withCookie = await owner.request("POST", "/api/internal/app-snapshots", body);
    expect(withCookie.status).toBe(401);
    expect((await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}`)).body.app.draftSnapshot).toBeNull();
  });

  it("let a capability for app A write neither app B nor another workspace", async () => {
    const a = await workspaceWithPeople("bound-a");
    const b = await workspaceWithPeople("bound-b");
    const appA = (await a.owner.post(`/api/workspaces/${a.workspaceId}/apps`, { name: "A" })).body.app.id;
    const appA2 = (await a.owner.post(`/api/workspaces/${a.workspaceId}/apps`, { name: "A2" })).body.app.id;
    const appB = (await b.owner.post(`/api/workspaces/${b.workspaceId}/apps`, { name: "B" })).body.app.id;
    const capA = await snapshotCapability(a.workspaceId, appA);
    const files = { "dist/index.html": "<p>forged</p>" };
    expect((await internal("app-snapshots", { workspaceId: a.workspaceId, appId: appA2, files }, capA)).status).toBe(404);
    expect((await internal("app-snapshots", { workspaceId: b.workspaceId, appId: appB, files }, capA)).status).toBe(404);
    expect((await internal("app-snapshots", { workspaceId: b.workspaceId, appId: appA, files }, capA)).status).toBe(404);
    // A capability whose claims name a foreign app it was never given cannot be made up.
    const claimsForB = {
      purpose: "builder-turn" as const,
      wid: b.workspaceId,
      app: appB,
      scope: "draft" as const,
      run: "r",
      model: { models: ["x"], maxOutputTokens: 1, maxCalls: 1 },
    };
    expect((await internal("app-snapshots", { workspaceId: b.workspaceId, appId: appB, files }, await signCapability(await forgedKey(), claimsForB, 60))).status).toBe(401);
    for (const [people, appId] of [
      [a, appA2],
      [b, appB],
    ] as const) {
      expect((await people.owner.get(`/api/workspaces/${people.workspaceId}/apps/${appId}`)).body.app.draftSnapshot).toBeNull();
    }
    // An agent run's capability: another app's or workspace's data is a 404, never a write.
    const agentA = await agentRunCapability(KEY, { workspaceId: a.workspaceId, appId: appA, agentId: "enricher", collections: ["leads"] });
    const write = (workspaceId: string, appId: string) =>
      internal("app-data-write", { workspaceId, appId, version: "draft", agentId: "enricher", collection: "leads", operation: "insert", data: { name: "forged" } }, agentA);
    expect((await write(b.workspaceId, appB)).status).toBe(404);
    expect((await write(a.workspaceId, appA2)).status).toBe(404);
    expect((await b.owner.get(`/api/workspaces/${b.workspaceId}/apps/${appB}/data?collection=leads&version=draft`)).body.docs).toEqual([]);
  });

  it("publishes relay batches once per change even when the relay posts the same batch again", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("relay");
    const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Relayed" })).body.app.id;
    const stream = new SseReader(
      await exports.default.fetch(new Request(`http://example.com/api/workspaces/${workspaceId}/apps/${appId}/data/stream`, { headers: { cookie: owner.cookie! } })),
    );
    const batch = { changes: [relayChange("t1", workspaceId, appId, "d1", "Ada"), relayChange("t2", workspaceId, appId, "d2", "Bob")] };
    expect((await internal("data-changes", batch, RELAY_TOKEN)).status).toBe(200);
    // A restart before the token was saved replays the batch, plus one new change.
    const replay = { changes: [...batch.changes, relayChange("t3", workspaceId, appId, "d3", "Cy")] };
    expect((await internal("data-changes", replay, RELAY_TOKEN)).status).toBe(200);
    await stream.until((events) => events.length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(stream.events.map((e) => (e.data as { doc: { name: string } }).doc.name)).toEqual(["Ada", "Bob", "Cy"]);
    expect(stream.events.map((e) => e.id)).toEqual([1, 2, 3]);
    expect((await internal("data-changes", { changes: [{ eventId: "x" }] }, RELAY_TOKEN)).status).toBe(400);
    await stream.cancel();
  });

  it("let an approved agent use its own collections only, until agents.json changes", async () => {
    const { owner, admin, member, workspaceId } = await workspaceWithPeople("agents");
    const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Agents" })).body.app.id;
    const agentsJson = { agents: [{ id: "summarizer", name: "Summarizer", systemPrompt: "Summarize leads", dataCollections: ["leads"] }] };
    const files = { "src/App.tsx": "export default 1;", "agents.json": JSON.stringify(agentsJson) };
    expect((await seedSnapshot(workspaceId, appId, files)).status).toBe(200);
    const target = { workspaceId, appId, version: "draft", agentId: "summarizer", collection: "leads" };
    // The run's capability names more than the approval allows: the approval still decides.
    const run = await agentRunCapability(KEY, { workspaceId, appId, agentId: "summarizer", collections: ["leads", "secrets"] });
    const insert = (extra: object = {}, token = run) => internal("app-data-write", { ...target, operation: "insert", data: { name: "from agent" }, ...extra }, token);

    const before = await insert();
    expect(before.status).toBe(403);
    expect(((await before.json()) as { error: { message: string } }).error.message).toMatch(/agents\.json is not approved/);

    const agents = (await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/agents`)).body;
    expect(agents.draft).toMatchObject({ approved: false, agents: [{ id: "summarizer" }] });
    expect((await member.post(`/api/workspaces/${workspaceId}/apps/${appId}/agents/approve`, { hash: agents.draft.hash })).status).toBe(404);
    expect((await admin.post(`/api/workspaces/${workspaceId}/apps/${appId}/agents/approve`, { hash: "0".repeat(64) })).status).toBe(409);
    expect((await admin.post(`/api/workspaces/${workspaceId}/apps/${appId}/agents/approve`, { hash: agents.draft.hash })).status).toBe(200);
    expect((await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/agents`)).body.draft.approved).toBe(true);

    const written = await insert();
    expect(written.status).toBe(200);
    const doc = ((await written.json()) as { doc: { _id: string } }).doc;
    const listed = (await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/data?collection=leads&version=draft`)).body.docs;
    expect(listed.map((d: { name: string }) => d.name)).toEqual(["from agent"]);
    expect((await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/data?collection=leads`)).body.docs).toEqual([]);
    const updated = await internal("app-data-write", { ...target, operation: "update", filter: { _id: doc._id }, data: { summary: "hot" } }, run);
    expect(((await updated.json()) as { doc: { name: string; summary: string } }).doc).toMatchObject({ name: "from agent", summary: "hot" });
    const upserted = await internal("app-data-write", { ...target, operation: "upsert", filter: { _id: "lead-42" }, data: { name: "upserted" } }, run);
    expect(upserted.status).toBe(200);
    const read = (await (await internal("app-data-read", target, run)).json()) as { docs: unknown[] };
    expect(read.docs).toHaveLength(2);

    expect((await insert({ collection: "secrets" })).status).toBe(403);
    expect((await insert({ collection: "invoices" })).status).toBe(403); // not in the capability either
    expect((await insert({ agentId: "someone-else" })).status).toBe(403);
    expect((await insert({ version: "published" })).status).toBe(404); // another scope than the run's
    const published = await agentRunCapability(KEY, { workspaceId, appId, version: "published", agentId: "summarizer", collections: ["leads"] });
    expect((await insert({ version: "published" }, published)).status).toBe(403);
    expect((await internal("app-data-write", { ...target, operation: "update", filter: {}, data: {} }, run)).status).toBe(400);
    expect((await internal("app-data-write", { ...target, operation: "delete" }, run)).status).toBe(400);
    const audit = (await owner.get(`/api/workspaces/${workspaceId}/audit?category=app_data`)).body.events;
    expect(audit.map((e: { eventName: string }) => e.eventName).sort()).toEqual(["app_data.insert", "app_data.update", "app_data.upsert"]);

    // A changed agents.json clears the approval.
    const widened = { agents: [{ ...agentsJson.agents[0], dataCollections: ["leads", "secrets"] }] };
    await seedSnapshot(workspaceId, appId, { ...files, "agents.json": JSON.stringify(widened) });
    expect((await insert()).status).toBe(403);
    expect((await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/agents`)).body.draft.approved).toBe(false);
  });

  it("saves a draft snapshot for an app of that workspace only, and serves its files to builders", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("snapshots");
    const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Built" })).body.app.id;
    const files = { "src/App.tsx": "export default 1;", "dist/index.html": "<!doctype html><p>hi</p>" };
    const saved = await seedSnapshot(workspaceId, appId, files);
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { snapshot: { fileCount: number } }).snapshot.fileCount).toBe(2);
    expect((await internal("app-snapshots", { workspaceId: "ws_other", appId, files }, await snapshotCapability(workspaceId, appId))).status).toBe(404);
    const app = (await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}`)).body.app;
    expect(app.draftSnapshot).toMatchObject({ fileCount: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const html = await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/files?version=draft&path=dist/index.html`);
    expect(html.body.files).toEqual({ "dist/index.html": files["dist/index.html"] });
    expect((await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/files?version=published`)).status).toBe(404);
    expect((await member.get(`/api/workspaces/${workspaceId}/apps/${appId}/files?version=draft`)).status).toBe(404);
  });
});

describe("data stream over WebSocket", () => {
  it("delivers the same numbered change events as SSE on the same path", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("wsdata");
    const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Sockets" })).body.app.id;
    const response = await exports.default.fetch(
      new Request(`http://example.com/api/workspaces/${workspaceId}/apps/${appId}/data/stream`, {
        headers: { cookie: owner.cookie!, upgrade: "websocket", origin: "http://example.com" },
      }),
    );
    expect(response.status).toBe(101);
    const ws = response.webSocket!;
    ws.accept();
    const frames: { type: string; seq: number; data: { type: string } }[] = [];
    ws.addEventListener("message", (e) => frames.push(JSON.parse(e.data as string)));
    await owner.post(`/api/workspaces/${workspaceId}/apps/${appId}/data`, { collection: "c", data: { a: 1 } });
    const deadline = Date.now() + 5000;
    while (frames.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(frames[0]).toMatchObject({ type: "event", seq: 1, data: { type: "insert" } });
    ws.close(1000, "done");
  });
});

describe("audit of workspace settings", () => {
  it("records a workspace rename with hashed before/after", async () => {
    const { owner, admin, workspaceId } = await workspaceWithPeople("rename");
    expect((await admin.patch(`/api/workspaces/${workspaceId}`, { name: "Renamed Inc" })).status).toBe(200);
    const events = (await owner.get(`/api/workspaces/${workspaceId}/audit?eventName=workspace.renamed`)).body.events;
    expect(events[0]).toMatchObject({ actor: { id: admin.id }, changes: [{ field: "name" }] });
  });
});
