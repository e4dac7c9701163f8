import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { IDEMPOTENCY_TTL_MS, IdempotencyKeysRepository } from "../../platform/repositories/idempotency-keys.ts";
import { CollectionClient } from "../../platform/store/store-client.ts";
import type { IdempotencyDoc } from "../../platform/repositories/idempotency-keys.ts";
import { signedIn, workspaceWithPeople } from "./support/person.ts";

const key = (label: string) => ({ "Idempotency-Key": `${label}-${crypto.randomUUID()}` });

describe("Idempotency-Key on create routes", () => {
  it("replays the first answer to a repeated app creation instead of creating a second app", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("idem");
    const headers = key("create-app");
    const body = { name: "Expenses", description: "Expense approvals" };
    const [first, second] = await Promise.all([
      owner.request("POST", `/api/workspaces/${workspaceId}/apps`, body, headers),
      owner.request("POST", `/api/workspaces/${workspaceId}/apps`, body, headers),
    ]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.app.id).toBe(first.body.app.id);
    const third = await owner.request("POST", `/api/workspaces/${workspaceId}/apps`, body, headers);
    expect(third.body.app.id).toBe(first.body.app.id);
    expect(third.headers.get("Idempotency-Replayed")).toBe("true");
    const apps = (await owner.get(`/api/workspaces/${workspaceId}/apps`)).body.apps;
    expect(apps.filter((a: { name: string }) => a.name === "Expenses")).toHaveLength(1);
  }, 90_000); // the file's first test also pays the store's cold start

  it("refuses the same key with a different body, keeps keys per person, and lets a failed request be retried", async () => {
    const { owner, admin, workspaceId } = await workspaceWithPeople("idem2");
    const headers = key("team");
    const url = `/api/workspaces/${workspaceId}/teams`;
    expect((await owner.request("POST", url, { name: "Design" }, headers)).status).toBe(201);
    const other = await owner.request("POST", url, { name: "Sales" }, headers);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("conflict");
    // The same key from another person is another request.
    const admins = await admin.request("POST", url, { name: "Support" }, headers);
    expect(admins.status).toBe(201);
    // A refused request does not hold its key.
    const retryKey = key("retry");
    expect((await owner.request("POST", url, { name: "" }, retryKey)).status).toBe(400);
    expect((await owner.request("POST", url, { name: "" }, retryKey)).status).toBe(400);
    const names = (await owner.get(url)).body.teams.map((t: { name: string }) => t.name).sort();
    expect(names).toEqual(["Design", "General", "Support"]);
    expect((await owner.request("POST", url, { name: "X" }, { "Idempotency-Key": "short" })).status).toBe(400);
  });

  it("replays workspace, member and data-insert creations", async () => {
    const owner = await signedIn("idem3");
    const headers = key("ws");
    const a = await owner.request("POST", "/api/workspaces", { name: "Once" }, headers);
    const b = await owner.request("POST", "/api/workspaces", { name: "Once" }, headers);
    expect(b.body.workspace.id).toBe(a.body.workspace.id);
    const ws = a.body.workspace.id;
    const memberKey = key("member");
    const m1 = await owner.request("POST", `/api/workspaces/${ws}/members`, { email: "new@example.com", displayName: "New" }, memberKey);
    const m2 = await owner.request("POST", `/api/workspaces/${ws}/members`, { email: "new@example.com", displayName: "New" }, memberKey);
    expect(m1.status).toBe(201);
    expect(m2.body).toEqual(m1.body);
    const app = (await owner.post(`/api/workspaces/${ws}/apps`, { name: "Data" })).body.app.id;
    const dataKey = key("doc");
    const url = `/api/workspaces/${ws}/apps/${app}/data?version=draft`;
    const d1 = await owner.request("POST", url, { collection: "items", data: { n: 1 } }, dataKey);
    const d2 = await owner.request("POST", url, { collection: "items", data: { n: 1 } }, dataKey);
    expect(d2.body.doc._id).toBe(d1.body.doc._id);
    const docs = (await owner.get(`/api/workspaces/${ws}/apps/${app}/data?version=draft&collection=items`)).body.docs;
    expect(docs).toHaveLength(1);
  });
});

describe("idempotency keys expire", () => {
  it("lets a key be claimed again once its day is over, and not before", async () => {
    const repo = new IdempotencyKeysRepository(env);
    const raw = new CollectionClient<IdempotencyDoc>(env, "idempotency_keys");
    const id = `user-x POST /api/x ${crypto.randomUUID()}`;
    await raw.insertOne({ _id: id, userId: "user-x", requestHash: "h1", state: "done", status: 201, body: "{}", createdAt: new Date(Date.now() - IDEMPOTENCY_TTL_MS - 1000) });
    expect(await repo.find(id)).toBeNull();
    expect(await repo.claim(id, "user-x", "h2")).toBe(true);
    expect((await repo.find(id))?.requestHash).toBe("h2");
    expect(await repo.claim(id, "user-x", "h3")).toBe(false);
  });
});

describe("deleting an app", () => {
  it("hides it everywhere, lets its creator restore it within the grace period, and audits both", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("softdel");
    const base = `/api/workspaces/${workspaceId}/apps`;
    const app = (await member.post(base, { name: "Mine" })).body.app;
    const removed = await member.request("DELETE", `${base}/${app.id}`);
    expect(removed.status).toBe(200);
    expect(Date.parse(removed.body.restorableUntil) - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000);
    expect((await member.get(`${base}/${app.id}`)).status).toBe(404);
    expect((await member.get(base)).body.apps).toHaveLength(0);
    expect((await member.get(`${base}/${app.id}/runs`)).status).toBe(404);
    expect((await member.request("DELETE", `${base}/${app.id}`)).status).toBe(404);
    expect((await member.get(`${base}/deleted`)).body.apps.map((a: { id: string }) => a.id)).toEqual([app.id]);

    const outsider = await workspaceWithPeople("softdel-other");
    expect((await outsider.owner.post(`/api/workspaces/${outsider.workspaceId}/apps/${app.id}/restore`)).status).toBe(404);

    const restored = await member.post(`${base}/${app.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.app.name).toBe("Mine");
    expect((await member.get(base)).body.apps.map((a: { id: string }) => a.id)).toEqual([app.id]);
    expect((await member.post(`${base}/${app.id}/restore`)).status).toBe(404);
    const events = (await owner.get(`/api/workspaces/${workspaceId}/audit`)).body.events.map((e: { eventName: string }) => e.eventName);
    expect(events).toEqual(expect.arrayContaining(["app.deleted", "app.restored"]));
  });

  it("answers validation failures with human sentences, never validator text", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("messages");
    const reply = await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Long", description: "x".repeat(2001) });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toBe("Description: Use at most 2,000 characters.");
    expect(reply.body.error.fields).toEqual([{ path: "description", message: "Use at most 2,000 characters." }]);
  });
});
