import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CONTROL_GATEWAY } from "../../platform/store/shards.ts";
import { DuplicateKeyError } from "../../platform/store/document-store.ts";
import { CollectionClient, commitBatch } from "../../platform/store/store-client.ts";
import { auditCollection, auditDoc } from "../../worker/services/audit.ts";
import { workspaceAnnouncement } from "../../platform/events/workspace-events.ts";
import { recordChange } from "../../worker/services/record-change.ts";
import { bumpAccessVersion, cachedRead } from "../../platform/store/access-cache.ts";
import { workspaceWithPeople } from "./support/person.ts";

const control = () => env.STORE_GATEWAY.getByName(CONTROL_GATEWAY);
const outboxRows = (channel: string) =>
  runInDurableObject(control(), (_instance, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM _outbox WHERE channel = ?", channel).one().n);
const channelEvents = (channel: string) =>
  runInDurableObject(env.CHANNEL.getByName(channel), (_instance, state) => {
    const table = state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'events'").one().n;
    return table ? state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM events").one().n : 0;
  });

const audit = (workspaceId: string, appId: string) => ({
  workspaceId,
  eventName: "app.created",
  category: "apps",
  actor: { type: "user" as const, id: "usr_test", displayName: "Test" },
  target: { type: "app", id: appId },
});

describe("mutation -> audit -> event in one transaction", () => {
  it("keeps the document, its audit record and its event together", async () => {
    const workspaceId = `ws-atomic-ok-${Date.now()}`;
    const apps = new CollectionClient<{ _id: string; workspaceId: string; name: string }>(env, "apps");
    const appId = `app-ok-${Date.now()}`;
    const created = await recordChange(env, {
      write: apps.op.insertOne({ _id: appId, workspaceId, name: "kept" }),
      audit: audit(workspaceId, appId),
      event: { workspaceId, type: "app.created", scopes: ["apps"], ids: { appId } },
    });
    expect(created).toMatchObject({ _id: appId, name: "kept" });
    expect(await apps.findOne({ workspaceId, _id: appId })).toMatchObject({ name: "kept" });
    expect(await auditCollection(env).find({ workspaceId, "target.id": appId })).toHaveLength(1);
    const channel = `ws:${workspaceId}`;
    expect((await outboxRows(channel)) + (await channelEvents(channel))).toBe(1);
  });

  it("a write whose audit insert fails leaves no document and no event", async () => {
    const workspaceId = `ws-atomic-${Date.now()}`;
    const apps = new CollectionClient<{ _id: string; workspaceId: string; name: string }>(env, "apps");
    const audits = auditCollection(env);
    const taken = await auditDoc(audit(workspaceId, "earlier"));
    await audits.insertOne(taken);
    const appId = `app-atomic-${Date.now()}`;
    const failing = commitBatch(env, {
      writes: [apps.op.insertOne({ _id: appId, workspaceId, name: "never" }), audits.op.insertOne({ ...(await auditDoc(audit(workspaceId, appId))), _id: taken._id })],
      announcements: [workspaceAnnouncement({ workspaceId, type: "app.created", scopes: ["apps"], ids: { appId } })],
    });
    await expect(failing).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await apps.findOne({ workspaceId, _id: appId })).toBeNull();
    expect(await audits.find({ workspaceId, "target.id": appId })).toEqual([]);
    const channel = `ws:${workspaceId}`;
    expect(await outboxRows(channel)).toBe(0);
    expect(await channelEvents(channel)).toBe(0);
  });

  it("a mutation that matches nothing keeps neither its audit record nor its event", async () => {
    const workspaceId = `ws-atomic-miss-${Date.now()}`;
    const apps = new CollectionClient<{ _id: string; workspaceId: string; name: string }>(env, "apps");
    const answer = await recordChange(env, {
      write: apps.op.findOneAndUpdate({ workspaceId, _id: "no-such-app" }, { $set: { name: "x" } }),
      audit: audit(workspaceId, "no-such-app"),
      event: { workspaceId, type: "app.updated", scopes: ["apps"] },
    });
    expect(answer).toBeNull();
    expect(await auditCollection(env).find({ workspaceId })).toEqual([]);
    expect(await outboxRows(`ws:${workspaceId}`)).toBe(0);
  });
});

describe("the isolate's access cache", () => {
  it("serves a second read from the cache, and reloads after a write to the collection", async () => {
    let loads = 0;
    const load = async () => ({ n: ++loads });
    const key = `k-${Date.now()}`;
    expect(await cachedRead("apps", key, load)).toEqual({ n: 1 });
    expect(await cachedRead("apps", key, load)).toEqual({ n: 1 });
    bumpAccessVersion("apps");
    expect(await cachedRead("apps", key, load)).toEqual({ n: 2 });
  });

  it("does not keep a read that a write overtook", async () => {
    const key = `race-${Date.now()}`;
    let loads = 0;
    const slow = async () => {
      loads++;
      bumpAccessVersion("workspace_memberships"); // a revocation commits while this read is in flight
      return { role: "owner" };
    };
    await cachedRead("workspace_memberships", key, slow);
    await cachedRead("workspace_memberships", key, slow);
    expect(loads).toBe(2);
  });

  it("revokes a removed member at once in the same isolate, though their membership was cached", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("revoke");
    // A workspace of their own keeps their session alive once removed from this one.
    expect((await member.post("/api/workspaces", { name: "Elsewhere" })).status).toBe(201);
    const apps = `/api/workspaces/${workspaceId}/apps`;
    expect((await member.get(apps)).status).toBe(200);
    expect((await member.get(apps)).status).toBe(200); // now served from the cache
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${member.user!.id}`)).status).toBe(200);
    const after = await member.get(apps);
    expect(after.status).toBe(404);
    expect(after.body.error.code).toBe("not_found");
  });
});
