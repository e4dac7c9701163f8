import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { workspaceWithPeople, type Person } from "./support/person.ts";
import { decodeDoc } from "../../durable-objects/store-gateway/json-codec.ts";
import { agentRunCapability, builderTurnCapability } from "../support/capabilities.ts";

const KEY = env.SECOND_CAPABILITY_KEY!; // test/worker/vitest.config.ts

interface InternalTarget {
  workspaceId: string;
  appId: string;
  version?: "draft" | "published";
  agentId?: string;
  collection?: string;
}

/** The credential the runner would hold for this call: a builder turn's for snapshots, an agent run's for data. */
function capabilityFor(path: string, target: InternalTarget) {
  if (path === "app-snapshots") return builderTurnCapability(KEY, target);
  return agentRunCapability(KEY, { ...target, version: target.version ?? "draft", agentId: target.agentId ?? "writer", collections: [target.collection ?? "leads"] });
}

async function internal(path: string, body: InternalTarget & Record<string, unknown>) {
  return exports.default.fetch(
    new Request(`http://example.com/api/internal/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await capabilityFor(path, body)}` },
      body: JSON.stringify(body),
    }),
  );
}

const nested = (depth: number): unknown => {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

async function appWithApprovedAgent(owner: Person, workspaceId: string, name: string) {
  const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name })).body.app.id as string;
  const agentsJson = { agents: [{ id: "writer", name: "Writer", systemPrompt: "Write", dataCollections: ["leads"] }] };
  expect((await internal("app-snapshots", { workspaceId, appId, files: { "agents.json": JSON.stringify(agentsJson) } })).status).toBe(200);
  const hash = (await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/agents`)).body.draft.hash;
  expect((await owner.post(`/api/workspaces/${workspaceId}/apps/${appId}/agents/approve`, { hash })).status).toBe(200);
  return { appId, target: { workspaceId, appId, version: "draft" as const, agentId: "writer", collection: "leads" } };
}

describe("hostile values", () => {
  it("refuses deep nesting and __proto__ keys with 400, on any body, and stores nothing", { timeout: 120_000 }, async () => {
    const { owner, workspaceId } = await workspaceWithPeople("hostile");
    const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Hostile" })).body.app.id;
    const base = `/api/workspaces/${workspaceId}/apps/${appId}/data`;
    const ok = await owner.post(base, { collection: "leads", data: { deep: nested(60) } });
    expect(ok.status).toBe(201);
    const bodies = [
      `{"collection":"leads","data":{"deep":${JSON.stringify(nested(999))}}}`,
      `{"collection":"leads","data":{"deep":${JSON.stringify(nested(70))}}}`,
      `{"collection":"leads","data":{"__proto__":{"admin":true},"name":"x"}}`,
      `{"collection":"leads","data":{"name":{"__proto__":{"admin":true}}}}`,
    ];
    for (const body of bodies) {
      for (const [method, path] of [
        ["POST", base],
        ["PATCH", `${base}/${ok.body.doc._id}`],
      ] as const) {
        const reply = await exports.default.fetch(
          new Request(`http://example.com${path}`, { method, body, headers: { "content-type": "application/json", origin: "http://example.com", cookie: owner.cookie! } }),
        );
        expect.soft(reply.status, `${method} ${body.slice(0, 60)}`).toBe(400);
        expect.soft(((await reply.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
      }
    }
    // Other bodies too: the workspace rename.
    const rename = await exports.default.fetch(
      new Request(`http://example.com/api/workspaces/${workspaceId}`, {
        method: "PATCH",
        body: `{"name":"x","__proto__":{"a":1}}`,
        headers: { "content-type": "application/json", origin: "http://example.com", cookie: owner.cookie! },
      }),
    );
    expect(rename.status).toBe(400);
    const docs = (await owner.get(`${base}?collection=leads`)).body.docs;
    expect(docs).toHaveLength(1);
    expect(Object.keys(docs[0])).not.toContain("name");
  });

  it("stores a string that starts like the internal date tag as that string", { timeout: 120_000 }, async () => {
    const { owner, workspaceId } = await workspaceWithPeople("datetag");
    const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Tags" })).body.app.id;
    const base = `/api/workspaces/${workspaceId}/apps/${appId}/data`;
    const value = "\uE000date:2026-01-01T00:00:00.000Z";
    const id = (await owner.post(base, { collection: "leads", data: { value, list: [value, "\uE000\uE000x"] } })).body.doc._id;
    const read = (await owner.get(`${base}/${id}?collection=leads`)).body.doc;
    expect(read.value).toBe(value);
    expect(read.list).toEqual([value, "\uE000\uE000x"]);
  });

  it("still reads documents stored in the old encoding", () => {
    const old = decodeDoc<{ at: Date; plain: string; odd: string }>(`{"at":"\uE000date:2026-02-03T04:05:06.007Z","plain":"hi","odd":"\uE000other"}`);
    expect(old.at).toBeInstanceOf(Date);
    expect(old.at.toISOString()).toBe("2026-02-03T04:05:06.007Z");
    expect(old.plain).toBe("hi");
    expect(old.odd).toBe("\uE000other");
  });

  it("answers 404 for files named like Object.prototype members", { timeout: 120_000 }, async () => {
    const { owner, workspaceId } = await workspaceWithPeople("protofiles");
    const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Files" })).body.app.id;
    expect((await internal("app-snapshots", { workspaceId, appId, files: { "src/App.tsx": "x" } })).status).toBe(200);
    for (const path of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect.soft((await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/files?version=draft&path=${path}`)).status, path).toBe(404);
    }
    expect((await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/files?version=draft&path=src/App.tsx`)).status).toBe(200);
  });
});

describe("agent writes", () => {
  it("keep the same document size limit as every other write", { timeout: 120_000 }, async () => {
    const { owner, workspaceId } = await workspaceWithPeople("agentsize");
    const { target } = await appWithApprovedAgent(owner, workspaceId, "Sized");
    const big = "x".repeat(200 * 1024);
    expect((await internal("app-data-write", { ...target, operation: "insert", data: { blob: "x".repeat(300 * 1024) } })).status).toBe(413);
    const first = await internal("app-data-write", { ...target, operation: "insert", data: { a: big } });
    expect(first.status).toBe(200);
    const id = ((await first.json()) as { doc: { _id: string } }).doc._id;
    // Each write is small; the merged document would not be.
    expect((await internal("app-data-write", { ...target, operation: "update", filter: { _id: id }, data: { b: big } })).status).toBe(413);
    expect((await internal("app-data-write", { ...target, operation: "upsert", filter: { _id: id }, data: { b: big } })).status).toBe(413);
    expect((await internal("app-data-write", { ...target, operation: "insert", data: { deep: nested(80) } })).status).toBe(400);
    const stored = (await owner.get(`/api/workspaces/${workspaceId}/apps/${target.appId}/data/${id}?collection=leads&version=draft`)).body.doc;
    expect(Object.keys(stored).filter((k) => !k.startsWith("_"))).toEqual(["a"]);
  });

  // Ids are unique per app scope in the sharded embedded store (each scope is its own object,
  // docs/decisions/0029) and across scopes in MongoDB: there the upsert is a 404; here it writes
  // this scope's own document. Either way the other scope's document is neither read nor touched.
  it("never touches another scope's document through an upsert of its id", { timeout: 120_000 }, async () => {
    const { owner, workspaceId } = await workspaceWithPeople("agentupsert");
    const { target } = await appWithApprovedAgent(owner, workspaceId, "Upserter");
    const otherApp = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Other" })).body.app.id;
    const foreign = (await owner.post(`/api/workspaces/${workspaceId}/apps/${otherApp}/data`, { collection: "leads", data: { name: "theirs" } })).body.doc;
    const reply = await internal("app-data-write", { ...target, operation: "upsert", filter: { _id: foreign._id }, data: { name: "mine" } });
    if (reply.status === 200) {
      const body = (await reply.json()) as { doc: { _id: string; name: string } };
      expect(body.doc).toMatchObject({ _id: foreign._id, name: "mine" });
    } else {
      expect(reply.status).toBe(404);
      expect(((await reply.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    expect((await owner.get(`/api/workspaces/${workspaceId}/apps/${otherApp}/data/${foreign._id}?collection=leads`)).body.doc.name).toBe("theirs");
    // A fresh id still upserts.
    expect((await internal("app-data-write", { ...target, operation: "upsert", filter: { _id: "fresh-1" }, data: { name: "new" } })).status).toBe(200);
  });
});
