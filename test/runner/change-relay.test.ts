import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ChangeRelay, type MongoChangeEvent, type ResumeToken, type TokenStore } from "../../container-runner/src/relay/change-relay.ts";
import type { RelayChange } from "../../shared/api/internal.ts";

/** Change events in the exact shape the MongoDB driver yields for app_data. */
function changeEvents(): MongoChangeEvent[] {
  const doc = (id: string, app: string, name: string) => ({
    _id: id,
    workspaceId: "ws_1",
    appId: app,
    collection: "leads",
    data: { name },
    createdAt: new Date("2026-11-01T00:00:00Z"),
    updatedAt: new Date("2026-11-01T00:00:01Z"),
  });
  return [
    { _id: { _data: "8201" }, operationType: "insert", documentKey: { _id: "d1" }, fullDocument: doc("d1", "app_a", "Ada") },
    { _id: { _data: "8202" }, operationType: "update", documentKey: { _id: "d1" }, fullDocument: doc("d1", "app_a", "Ada L.") },
    { _id: { _data: "8203" }, operationType: "insert", documentKey: { _id: "d2" }, fullDocument: doc("d2", "app_b~draft", "Draft") },
    { _id: { _data: "8204" }, operationType: "delete", documentKey: { _id: "d1" }, fullDocumentBeforeChange: doc("d1", "app_a", "Ada L.") },
    { _id: { _data: "8205" }, operationType: "invalidate" },
  ];
}

/** A change stream over a fixed log, honouring resumeAfter like MongoDB does. */
function logSource(log: MongoChangeEvent[], opened: (ResumeToken | null)[]) {
  return (resumeAfter: ResumeToken | null) => {
    opened.push(resumeAfter);
    const start = resumeAfter ? log.findIndex((e) => JSON.stringify(e._id) === JSON.stringify(resumeAfter)) + 1 : 0;
    let closed = false;
    return {
      async *[Symbol.asyncIterator]() {
        for (const event of log.slice(start)) {
          if (closed) return;
          yield event;
        }
        // A live stream never ends: wait until closed.
        while (!closed) await new Promise((r) => setTimeout(r, 5));
      },
      close: async () => {
        closed = true;
      },
    };
  };
}

/** The Channel's contract as seen from the relay: duplicates by event id are dropped. */
class DedupingSubscriberView {
  readonly seen = new Set<string>();
  readonly delivered: RelayChange[] = [];
  accept(changes: RelayChange[]) {
    for (const change of changes) {
      if (this.seen.has(change.eventId)) continue;
      this.seen.add(change.eventId);
      this.delivered.push(change);
    }
  }
}

describe("ChangeRelay", () => {
  it("posts per scope, saves the resume token only after the posts are acknowledged, and resumes from it", async () => {
    const opened: (ResumeToken | null)[] = [];
    const posts: RelayChange[][] = [];
    const saved: ResumeToken[] = [];
    const tokens: TokenStore = { load: async () => saved.at(-1) ?? null, save: async (t) => void saved.push(t) };
    const controller = new AbortController();
    const relay = new ChangeRelay(logSource(changeEvents(), opened), tokens, async (batch) => void posts.push(batch), { flushMs: 20 });
    const running = relay.run(controller.signal);
    while (saved.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await running;

    assert.deepEqual(opened, [null]);
    const scopes = posts.map((batch) => [...new Set(batch.map((c) => (c.fullDocument ?? c.fullDocumentBeforeChange)!.appId))]);
    assert.ok(
      scopes.every((s) => s.length === 1),
      "each post carries one scope",
    );
    assert.deepEqual(
      posts.flat().map((c) => c.eventId),
      ["8201", "8202", "8204", "8203"],
      "the invalidate event is not forwarded; scope order is kept",
    );
    assert.deepEqual(saved.at(-1), { _data: "8205" });
  });

  it("replays after a kill between the post and the token save, and subscribers still see each change once", async () => {
    const log = changeEvents();
    const view = new DedupingSubscriberView();
    let savedToken: ResumeToken | null = null;
    let killBeforeSave = true;
    const tokens: TokenStore = {
      load: async () => savedToken,
      save: async (token) => {
        if (killBeforeSave) throw new Error("killed");
        savedToken = token;
      },
    };
    const opened: (ResumeToken | null)[] = [];
    const posts: string[] = [];
    const post = async (batch: RelayChange[]) => {
      posts.push(...batch.map((c) => c.eventId));
      view.accept(batch);
    };

    // First life: posts everything, dies before saving.
    const first = new AbortController();
    const relay1 = new ChangeRelay(logSource(log, opened), tokens, post, { flushMs: 20, retryMs: 10 });
    const run1 = relay1.run(first.signal);
    while (posts.length < 4) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 30));
    first.abort();
    await run1;
    assert.equal(savedToken, null);

    // Restart: the window is replayed from the last saved token (none), then saved.
    killBeforeSave = false;
    const second = new AbortController();
    const relay2 = new ChangeRelay(logSource(log, opened), tokens, post, { flushMs: 20 });
    const run2 = relay2.run(second.signal);
    while (savedToken === null) await new Promise((r) => setTimeout(r, 5));
    second.abort();
    await run2;

    assert.ok(posts.filter((id) => id === "8201").length >= 2, "the change was posted again (at least once upstream)");
    assert.deepEqual(view.delivered.map((c) => c.eventId).sort(), ["8201", "8202", "8203", "8204"], "each change reached subscribers exactly once");
    assert.deepEqual(savedToken, { _data: "8205" });
  });

  it("retries a failed post without losing or reordering changes", async () => {
    const opened: (ResumeToken | null)[] = [];
    let failures = 2;
    const received: string[] = [];
    let saved: ResumeToken | null = null;
    const tokens: TokenStore = {
      load: async () => saved,
      save: async (t) => {
        saved = t;
      },
    };
    const controller = new AbortController();
    const relay = new ChangeRelay(
      logSource(changeEvents(), opened),
      tokens,
      async (batch) => {
        if (failures-- > 0) throw new Error("503");
        received.push(...batch.map((c) => c.eventId));
      },
      { flushMs: 20, retryMs: 5 },
    );
    const running = relay.run(controller.signal);
    while (saved === null) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await running;
    assert.deepEqual(received, ["8201", "8202", "8204", "8203"]);
  });
});
