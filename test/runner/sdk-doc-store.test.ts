import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CollectionStore, type Doc } from "../../container-runner/template/src/lib/second/collection-store.ts";
import { DocStore } from "../../container-runner/template/src/lib/second/doc-store.ts";
import { fakeTransport } from "./support/fake-transport.ts";

const doc = (id: string, fields: Record<string, unknown>, updatedAt = "2026-11-23T00:00:00.000Z"): Doc => ({ _id: id, _createdAt: updatedAt, _updatedAt: updatedAt, ...fields });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("in-app SDK paging", () => {
  it("reads a collection page by page to the end, passing each page's cursor", async () => {
    const { transport, pending } = fakeTransport();
    const store = new CollectionStore("leads", transport);
    store.subscribe(() => undefined);
    const first = pending.shift()!;
    assert.equal(first.message.cursor, undefined);
    first.resolve({ type: "second:data:list-response", collection: "leads", docs: [doc("d3", { name: "C" }, "2026-11-23T00:00:03.000Z")], nextCursor: "c1", requestId: "r" });
    await tick();
    assert.equal(store.getSnapshot().loading, true, "still loading until the last page");
    const second = pending.shift()!;
    assert.equal(second.message.cursor, "c1");
    second.resolve({ type: "second:data:list-response", collection: "leads", docs: [doc("d2", { name: "B" }, "2026-11-23T00:00:02.000Z")], nextCursor: "c2", requestId: "r" });
    await tick();
    const third = pending.shift()!;
    assert.equal(third.message.cursor, "c2");
    third.resolve({ type: "second:data:list-response", collection: "leads", docs: [doc("d1", { name: "A" }, "2026-11-23T00:00:01.000Z")], nextCursor: null, requestId: "r" });
    await tick();
    assert.equal(pending.length, 0);
    assert.equal(store.getSnapshot().loading, false);
    assert.deepEqual(
      store.getSnapshot().docs.map((d) => d.name),
      ["C", "B", "A"],
    );
  });
});

describe("in-app SDK useDoc store", () => {
  it("fetches one document by id, never the collection", async () => {
    const { transport, pending } = fakeTransport();
    const store = new DocStore("leads", "d1", transport);
    store.subscribe(() => undefined);
    const request = pending.shift()!;
    assert.equal(request.message.type, "second:data:doc");
    assert.equal(request.message.docId, "d1");
    request.resolve({ type: "second:data:doc-response", collection: "leads", doc: doc("d1", { name: "Ada" }), requestId: "r" });
    await tick();
    assert.deepEqual(store.getSnapshot(), { data: doc("d1", { name: "Ada" }), loading: false, error: null });
  });

  it("reports a missing document as null, and follows live changes to its own id only", async () => {
    const { transport, pending } = fakeTransport();
    const store = new DocStore("leads", "d1", transport);
    store.subscribe(() => undefined);
    pending.shift()!.resolve({ type: "second:data:doc-response", collection: "leads", doc: null, requestId: "r" });
    await tick();
    assert.equal(store.getSnapshot().data, null);
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "insert", doc: doc("d2", { name: "Other" }) });
    assert.equal(store.getSnapshot().data, null);
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "insert", doc: doc("d1", { name: "Ada" }, "2026-11-23T00:00:01.000Z") });
    assert.equal(store.getSnapshot().data?.name, "Ada");
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "update", docId: "d1", doc: doc("d1", { name: "Old" }) });
    assert.equal(store.getSnapshot().data?.name, "Ada", "an older version does not win");
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "delete", docId: "d1" });
    assert.equal(store.getSnapshot().data, null);
  });

  it("keeps a change that arrives while the fetch is in flight when the fetch is older", async () => {
    const { transport, pending } = fakeTransport();
    const store = new DocStore("leads", "d1", transport);
    store.subscribe(() => undefined);
    store.applyChange({ type: "second:data:change", collection: "leads", operation: "update", docId: "d1", doc: doc("d1", { name: "New" }, "2026-11-23T00:00:05.000Z") });
    pending.shift()!.resolve({ type: "second:data:doc-response", collection: "leads", doc: doc("d1", { name: "Stale" }), requestId: "r" });
    await tick();
    assert.equal(store.getSnapshot().data?.name, "New");
  });

  it("updates optimistically and rolls back on failure", async () => {
    const { transport, pending } = fakeTransport();
    const store = new DocStore("leads", "d1", transport);
    store.subscribe(() => undefined);
    pending.shift()!.resolve({ type: "second:data:doc-response", collection: "leads", doc: doc("d1", { status: "new" }), requestId: "r" });
    await tick();
    const updating = store.update({ status: "won" });
    assert.equal(store.getSnapshot().data?.status, "won");
    assert.equal(store.getSnapshot().data?._pending, true);
    pending.shift()!.reject(new Error("too large"));
    await assert.rejects(updating, /too large/);
    assert.equal(store.getSnapshot().data?.status, "new");
    assert.match(store.getSnapshot().error?.message ?? "", /too large/);
  });
});
