import { describe, expect, it } from "vitest";
import { workspaceWithPeople } from "./support/person.ts";
import { SseReader } from "./support/sse-reader.ts";
import { exports } from "cloudflare:workers";
import { dataChangeEventSchema } from "../../shared/api/app-data.ts";
import { workspaceStreamMessageSchema } from "../../shared/realtime/workspace-events.ts";

describe("live app data stream", () => {
  it("announces REST inserts, patches and deletes on the scope's stream with seq ids, and resumes", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("live");
    const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Live" })).body.app.id;
    const base = `/api/workspaces/${workspaceId}/apps/${appId}/data`;
    const open = (headers: Record<string, string> = {}, version = "published") =>
      exports.default.fetch(new Request(`http://example.com${base}/stream?version=${version}`, { headers: { cookie: owner.cookie!, ...headers } }));

    const stream = new SseReader(await open());
    const draftStream = new SseReader(await open({}, "draft"));
    const doc = (await owner.post(base, { collection: "leads", data: { name: "Ada" }, mutationId: "m-1" })).body.doc;
    await owner.patch(`${base}/${doc._id}`, { collection: "leads", data: { status: "won" }, mutationId: "m-2" });
    await owner.delete(`${base}/${doc._id}?collection=leads`);
    await stream.until((events) => events.length === 3);
    const events = stream.events.map((e) => dataChangeEventSchema.parse(e.data));
    expect(stream.events.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(events[0]).toMatchObject({ type: "insert", collection: "leads", doc: { _id: doc._id, name: "Ada" }, mutationId: "m-1" });
    expect(events[1]).toMatchObject({ type: "update", docId: doc._id, doc: { name: "Ada", status: "won" }, mutationId: "m-2" });
    expect(events[2]).toEqual({ type: "delete", collection: "leads", docId: doc._id });

    // The draft scope saw none of it.
    await owner.post(`${base}?version=draft`, { collection: "leads", data: { name: "draft only" } });
    await draftStream.until((e) => e.length === 1);
    expect(draftStream.events[0]!.data).toMatchObject({ type: "insert", doc: { name: "draft only" } });
    expect(stream.events).toHaveLength(3);

    const resumed = new SseReader(await open({ "last-event-id": "1" }));
    await resumed.until((e) => e.length === 2);
    expect(resumed.events.map((e) => e.id)).toEqual([2, 3]);
    await Promise.all([stream.cancel(), draftStream.cancel(), resumed.cancel()]);
  });
});

describe("workspace events", () => {
  it("streams small invalidation events to members when the workspace changes", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("wsevents");
    const response = await exports.default.fetch(new Request(`http://example.com/api/workspaces/${workspaceId}/events`, { headers: { cookie: member.cookie! } }));
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const stream = new SseReader(response);
    await owner.patch(`/api/workspaces/${workspaceId}/members/${member.id}`, { role: "admin" });
    await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Secret plans" });
    await stream.until((events) => events.length >= 2);
    const [roleEvent, appEvent] = stream.events.map((e) => workspaceStreamMessageSchema.parse(e.data));
    expect(roleEvent).toMatchObject({ type: "member.changed", workspaceId, ids: { userId: member.id }, scopes: expect.arrayContaining(["members", "me"]) });
    expect(appEvent).toMatchObject({ type: "app.created", scopes: ["apps"] });
    // Hints only: no names, prompts or documents.
    expect(JSON.stringify(stream.events)).not.toContain("Secret plans");
    await stream.cancel();
  });
});
