import { describe, expect, it } from "vitest";
import { workspaceWithPeople, type Person } from "./support/person.ts";

async function appFor(owner: Person, workspaceId: string, name = "Lead tracker") {
  const reply = await owner.post(`/api/workspaces/${workspaceId}/apps`, { name });
  expect(reply.status).toBe(201);
  return reply.body.app.id as string;
}

describe("app data REST", () => {
  it("inserts, lists newest-update first, gets, patches by shallow merge and deletes", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("data");
    const appId = await appFor(owner, workspaceId);
    const base = `/api/workspaces/${workspaceId}/apps/${appId}/data`;
    const a = (await owner.post(base, { collection: "leads", data: { name: "Ada", status: "new", tags: ["x"] } })).body.doc;
    expect(a).toMatchObject({ name: "Ada", status: "new", tags: ["x"] });
    expect(typeof a._id).toBe("string");
    const b = (await owner.post(base, { collection: "leads", data: { name: "Bob" } })).body.doc;
    await owner.post(base, { collection: "other", data: { name: "elsewhere" } });

    const patched = await owner.patch(`${base}/${a._id}`, { collection: "leads", data: { status: "won" } });
    expect(patched.status).toBe(200);
    expect(patched.body.doc).toMatchObject({ _id: a._id, name: "Ada", status: "won", tags: ["x"] });

    const list = (await owner.get(`${base}?collection=leads`)).body.docs;
    expect(list.map((d: { name: string }) => d.name)).toEqual(["Ada", "Bob"]);
    expect((await owner.get(`${base}/${b._id}?collection=leads`)).body.doc.name).toBe("Bob");
    expect((await owner.get(`${base}/${b._id}?collection=other`)).status).toBe(404);

    expect((await owner.delete(`${base}/${b._id}?collection=leads`)).status).toBe(200);
    expect((await owner.delete(`${base}/${b._id}?collection=leads`)).status).toBe(404);
    expect((await owner.get(`${base}?collection=leads`)).body.docs).toHaveLength(1);
    const collections = (await owner.get(`${base}/collections`)).body.collections;
    expect(collections).toEqual([
      { name: "leads", count: 1 },
      { name: "other", count: 1 },
    ]);
  });

  it("refuses bad input with a clear 4xx and stores nothing", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("baddata");
    const appId = await appFor(owner, workspaceId);
    const base = `/api/workspaces/${workspaceId}/apps/${appId}/data`;
    const cases: [unknown, number][] = [
      [{ collection: "bad name!", data: { a: 1 } }, 400],
      [{ collection: "x".repeat(65), data: { a: 1 } }, 400],
      [{ collection: "leads", data: { _id: "forged", a: 1 } }, 400],
      [{ collection: "leads", data: { "a.b": 1 } }, 400],
      [{ collection: "leads", data: "not an object" }, 400],
      [{ collection: "leads", data: [1, 2] }, 400],
      [{ collection: 42, data: {} }, 400],
      [{ data: { a: 1 } }, 400],
      [{ collection: "leads", data: { blob: "x".repeat(300 * 1024) } }, 413],
    ];
    for (const [body, status] of cases) {
      const reply = await owner.post(base, body);
      expect.soft(reply.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect.soft(reply.body.error.message.length).toBeGreaterThan(0);
    }
    const text = await owner.request("POST", base, undefined, { "content-type": "text/plain" });
    expect(text.status).toBeLessThan(500);
    expect((await owner.get(`${base}?collection=leads`)).body.docs).toEqual([]);
    expect((await owner.get(`${base}?collection=bad%20name`)).status).toBe(400);
    expect((await owner.get(`${base}`)).status).toBe(400);
    expect((await owner.get(`${base}?collection=leads&version=beta`)).status).toBe(400);
  });

  it("keeps draft and published scopes apart, both ways", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("scopes");
    const appId = await appFor(owner, workspaceId);
    const base = `/api/workspaces/${workspaceId}/apps/${appId}/data`;
    const published = (await owner.post(base, { collection: "leads", data: { name: "live" } })).body.doc;
    const draft = (await owner.post(`${base}?version=draft`, { collection: "leads", data: { name: "test" } })).body.doc;
    expect((await owner.get(`${base}?collection=leads`)).body.docs.map((d: { name: string }) => d.name)).toEqual(["live"]);
    expect((await owner.get(`${base}?collection=leads&version=draft`)).body.docs.map((d: { name: string }) => d.name)).toEqual(["test"]);
    expect((await owner.get(`${base}/${draft._id}?collection=leads`)).status).toBe(404);
    expect((await owner.get(`${base}/${published._id}?collection=leads&version=draft`)).status).toBe(404);
    expect((await owner.patch(`${base}/${draft._id}`, { collection: "leads", data: { name: "x" } })).status).toBe(404);
    expect((await owner.delete(`${base}/${published._id}?collection=leads&version=draft`)).status).toBe(404);
  });

  it("hides a draft app and its data from members who are not its builders, and other apps' data from each other", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("private");
    const appId = await appFor(owner, workspaceId);
    const otherApp = await appFor(owner, workspaceId, "Other");
    const base = `/api/workspaces/${workspaceId}/apps/${appId}/data`;
    const doc = (await owner.post(base, { collection: "leads", data: { name: "secret" } })).body.doc;
    expect((await member.get(`/api/workspaces/${workspaceId}/apps/${appId}`)).status).toBe(404);
    expect((await member.get(`${base}?collection=leads`)).status).toBe(404);
    expect((await member.post(`${base}?version=draft`, { collection: "leads", data: { a: 1 } })).status).toBe(404);
    expect((await member.get(`/api/workspaces/${workspaceId}/apps`)).body.apps).toEqual([]);
    expect((await owner.get(`/api/workspaces/${workspaceId}/apps/${otherApp}/data/${doc._id}?collection=leads`)).status).toBe(404);
    // The member's own app is theirs to build.
    const mine = (await member.post(`/api/workspaces/${workspaceId}/apps`, { name: "Mine" })).body.app;
    expect(mine.access).toEqual({ canEdit: true, canViewPublished: true });
    expect((await member.post(`/api/workspaces/${workspaceId}/apps/${mine.id}/data?version=draft`, { collection: "c", data: { a: 1 } })).status).toBe(201);
  });
});
