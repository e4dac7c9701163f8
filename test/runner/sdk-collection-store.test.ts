import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CollectionStore, type Doc } from "../../container-runner/template/src/lib/second/collection-store.ts";
import { fakeTransport } from "./support/fake-transport.ts";

const doc = (id: string, fields: Record<string, unknown>, updatedAt = "2026-11-23T00:00:00.000Z"): Doc => ({ _id: id, _createdAt: updatedAt, _updatedAt: updatedAt, ...fields });
const names = (store: CollectionStore) => store.getSnapshot().docs.map((d) => String(d.name));
const tick = () => new Promise((resolve) => setImmediate(resolve));

async function loaded(initial: Doc[] = []) {
  const { transport, pending } = fakeTransport();
  const store = new CollectionStore("leads", transport);
  store.subscribe(() => undefined);
  pending.shift()!.resolve({ type: "second:data:list-response", collection: "leads", docs: initial, requestId: "r" });
  await tick();
  return { store, pending };
}

describe("in-app SDK collection store", () => {
  it("shows an insert at once as pending, then the stored document once, whichever of echo and reply comes first", async () => {
    const { store, pending } = await loaded();
    const inserting = store.insert({ name: "Ada" });
    assert.deepEqual(names(store), ["Ada"]);
    assert.equal(store.getSnapshot().docs[0]!._pending, true);
    const request = pending.shift()!;
    const mutationId = String(request.message.mutationId);
    const stored = doc("d1", { name: "Ada" }, "2026-11-23T00:00:01.000Z");
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "insert", doc: stored, mutationId });
    assert.deepEqual(store.getSnapshot().docs, [stored], "the echo replaced the pending doc");
    request.resolve({ type: "second:data:insert-response", collection: "leads", doc: stored, requestId: "r" });
    await inserting;
    assert.deepEqual(store.getSnapshot().docs, [stored], "the reply did not add a duplicate");
  });

  it("queues an edit of a document that is still being inserted behind the insert, then sends it with the stored id", async () => {
    const { store, pending } = await loaded();
    const inserting = store.insert({ name: "Ada", status: "new" });
    const tempId = store.getSnapshot().docs[0]!._id;
    const updating = store.update(tempId, { status: "won" });
    assert.equal(store.getSnapshot().docs[0]!.status, "won", "the edit shows at once");
    assert.equal(pending.length, 1, "the update waits: the platform does not know the temporary id");
    const stored = doc("d1", { name: "Ada", status: "new" }, "2026-11-23T00:00:01.000Z");
    pending.shift()!.resolve({ type: "second:data:insert-response", collection: "leads", doc: stored, requestId: "r" });
    await inserting;
    await tick();
    assert.equal(store.getSnapshot().docs[0]!.status, "won", "the edit stays over the stored document");
    const request = pending.shift()!;
    assert.equal(request.message.type, "second:data:update");
    assert.equal(request.message.docId, "d1");
    request.resolve({ type: "second:data:update-response", collection: "leads", doc: { ...stored, status: "won", _updatedAt: "2026-11-23T00:00:02.000Z" }, requestId: "r" });
    await updating;
    assert.deepEqual(
      store.getSnapshot().docs.map((d) => [d._id, d.status, d._pending]),
      [["d1", "won", undefined]],
    );
  });

  it("fails an edit of a pending document whose insert fails, and a delete of it removes the stored one", async () => {
    const { store, pending } = await loaded();
    const failing = store.insert({ name: "Bad" });
    const failingEdit = store.update(store.getSnapshot().docs[0]!._id, { name: "Still bad" });
    pending.shift()!.reject(new Error("Field name is too long."));
    await assert.rejects(failing, /too long/);
    await assert.rejects(failingEdit, /too long/);
    assert.equal(pending.length, 0, "nothing was sent for the edit");
    assert.deepEqual(store.getSnapshot().docs, []);

    const inserting = store.insert({ name: "Gone soon" });
    const removing = store.remove(store.getSnapshot().docs[0]!._id);
    assert.deepEqual(store.getSnapshot().docs, [], "the delete hides it at once");
    pending.shift()!.resolve({ type: "second:data:insert-response", collection: "leads", doc: doc("d2", { name: "Gone soon" }), requestId: "r" });
    await inserting;
    await tick();
    const request = pending.shift()!;
    assert.equal(request.message.type, "second:data:delete");
    assert.equal(request.message.docId, "d2");
    request.resolve({ type: "second:data:delete-response", collection: "leads", requestId: "r" });
    await removing;
    assert.deepEqual(store.getSnapshot().docs, []);
  });

  it("rolls a failed update back and surfaces the error", async () => {
    const { store, pending } = await loaded([doc("d1", { name: "Ada", status: "new" })]);
    const updating = store.update("d1", { status: "won" });
    assert.equal(store.getSnapshot().docs[0]!.status, "won");
    pending.shift()!.reject(new Error("The document does not exist or you cannot see it."));
    await assert.rejects(updating, /does not exist/);
    assert.equal(store.getSnapshot().docs[0]!.status, "new");
    assert.match(store.getSnapshot().error?.message ?? "", /does not exist/);
  });

  it("applies changes from elsewhere in place and ignores a late, older version", async () => {
    const { store } = await loaded([doc("d1", { name: "Ada" }, "2026-11-23T00:00:01.000Z")]);
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "insert", doc: doc("d2", { name: "Bob" }, "2026-11-23T00:00:02.000Z") });
    assert.deepEqual(names(store), ["Bob", "Ada"], "newest update first");
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "update", docId: "d1", doc: doc("d1", { name: "Ada L." }, "2026-11-23T00:00:03.000Z") });
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "update", docId: "d1", doc: doc("d1", { name: "stale" }, "2026-11-23T00:00:00.500Z") });
    assert.deepEqual(names(store), ["Ada L.", "Bob"]);
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "delete", docId: "d2" });
    assert.deepEqual(names(store), ["Ada L."]);
  });

  it("keeps changes that arrive while the list is loading, newer than the list or missing from it", async () => {
    const { transport, pending } = fakeTransport();
    const store = new CollectionStore("leads", transport);
    store.subscribe(() => undefined);
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "insert", doc: doc("new", { name: "Arrived meanwhile" }, "2026-11-23T00:00:05.000Z") });
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "delete", docId: "gone" });
    pending.shift()!.resolve({
      type: "second:data:list-response",
      collection: "leads",
      docs: [doc("gone", { name: "Deleted meanwhile" }), doc("old", { name: "Listed" })],
      requestId: "r",
    });
    await tick();
    assert.deepEqual(names(store), ["Arrived meanwhile", "Listed"]);
    assert.equal(store.getSnapshot().loading, false);
  });
});
