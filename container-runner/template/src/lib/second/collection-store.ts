import type { ChangeMessage } from "@second/protocol";
import type { Transport } from "./transport.ts";
import { LiveStore, newMutationId } from "./live-store.ts";

export type Doc = { _id: string; _pending?: boolean } & Record<string, unknown>;

/** A local change not yet confirmed by the platform, applied over the server's state. */
type Overlay =
  | { kind: "insert"; mutationId: string; doc: Doc }
  | { kind: "update"; mutationId: string; docId: string; data: Record<string, unknown> }
  | { kind: "delete"; mutationId: string; docId: string };

export interface CollectionSnapshot {
  docs: Doc[];
  loading: boolean;
  error: Error | null;
}

const updatedAt = (doc: Doc) => (typeof doc._updatedAt === "string" ? doc._updatedAt : "");

/**
 * One collection's live state: the server's documents (from the list and from change events) plus
 * optimistic overlays. An overlay disappears when its own echo or response arrives, or rolls back
 * when the write fails; the server's state is never guessed.
 */
export class CollectionStore extends LiveStore<CollectionSnapshot> {
  private server = new Map<string, Doc>();
  private overlays: Overlay[] = [];
  /** Inserts in flight by their temporary id: an edit of a document still being saved waits for its real id. */
  private readonly inserting = new Map<string, Promise<Doc>>();
  /** Changes that arrive while a list is in flight: the list may be older than they are. */
  private loading: { touched: Set<string>; deleted: Set<string> } | null = null;

  constructor(
    readonly name: string,
    private readonly transport: Pick<Transport, "request">,
  ) {
    super({ docs: [], loading: true, error: null });
  }

  protected async read(): Promise<void> {
    const window = { touched: new Set<string>(), deleted: new Set<string>() };
    this.loading = window;
    try {
      const next = new Map<string, Doc>();
      // Page by page to the end. A document written meanwhile may jump past the cursor; its live
      // change lands in `window.touched` and is merged below, so nothing is missed.
      let cursor: string | undefined;
      do {
        const reply = await this.transport.request<"second:data:list">({
          type: "second:data:list",
          collection: this.name,
          ...(cursor ? { cursor } : {}),
        });
        for (const doc of reply.docs ?? []) if (!window.deleted.has(doc._id)) next.set(doc._id, doc);
        cursor = reply.nextCursor ?? undefined;
      } while (cursor);
      for (const id of window.touched) {
        const live = this.server.get(id);
        const listed = next.get(id);
        if (live && (!listed || updatedAt(live) >= updatedAt(listed))) next.set(id, live);
      }
      this.server = next;
      this.publish({ loading: false, error: null });
    } catch (error) {
      this.publish({ loading: false, error: error instanceof Error ? error : new Error(String(error)) });
    } finally {
      if (this.loading === window) this.loading = null;
    }
  }

  /** A change pushed by the platform: applied in place, no refetch. */
  applyChange(change: ChangeMessage): void {
    if (change.operation === "delete") {
      if (change.docId) {
        this.server.delete(change.docId);
        this.loading?.deleted.add(change.docId);
      }
    } else if (change.doc) {
      const current = this.server.get(change.doc._id);
      // A late echo must not overwrite a newer state of the same document.
      if (!current || updatedAt(change.doc) >= updatedAt(current)) this.server.set(change.doc._id, change.doc);
      this.loading?.touched.add(change.doc._id);
    }
    if (change.mutationId) this.overlays = this.overlays.filter((o) => o.mutationId !== change.mutationId);
    this.publish({});
  }

  insert(data: Record<string, unknown>): Promise<Doc> {
    const mutationId = newMutationId();
    const now = new Date().toISOString();
    const tempId = `pending-${mutationId}`;
    this.overlays.push({ kind: "insert", mutationId, doc: { ...data, _id: tempId, _createdAt: now, _updatedAt: now, _pending: true } });
    this.publish({});
    const saved = this.write(mutationId, async () => {
      const reply = await this.transport.request<"second:data:insert">({
        type: "second:data:insert",
        collection: this.name,
        data,
        mutationId,
      });
      if (!reply.doc) throw new Error("The platform answered without the document.");
      this.server.set(reply.doc._id, reply.doc);
      this.retarget(tempId, reply.doc._id);
      return reply.doc;
    });
    this.inserting.set(tempId, saved);
    const forget = () => this.inserting.delete(tempId);
    saved.then(forget, forget);
    return saved;
  }

  async update(docId: string, data: Record<string, unknown>): Promise<Doc> {
    const mutationId = newMutationId();
    this.overlays.push({ kind: "update", mutationId, docId, data });
    this.publish({});
    return this.write(mutationId, async () => {
      const saving = this.inserting.get(docId);
      const reply = await this.transport.request<"second:data:update">({
        type: "second:data:update",
        collection: this.name,
        // A document still being inserted is edited once it is stored (its failure is the edit's).
        docId: saving ? (await saving)._id : docId,
        data,
        mutationId,
      });
      if (!reply.doc) throw new Error("The platform answered without the document.");
      this.server.set(reply.doc._id, reply.doc);
      return reply.doc;
    });
  }

  async remove(docId: string): Promise<void> {
    const mutationId = newMutationId();
    this.overlays.push({ kind: "delete", mutationId, docId });
    this.publish({});
    await this.write(mutationId, async () => {
      const saving = this.inserting.get(docId);
      const storedId = saving ? (await saving)._id : docId;
      await this.transport.request<"second:data:delete">({ type: "second:data:delete", collection: this.name, docId: storedId, mutationId });
      this.server.delete(storedId);
    });
  }

  /** Edits made while a document was pending now apply to its stored version. */
  private retarget(tempId: string, storedId: string) {
    for (const overlay of this.overlays) if (overlay.kind !== "insert" && overlay.docId === tempId) overlay.docId = storedId;
  }

  /** Runs the request; success or failure, the overlay goes (rollback is simply dropping it). */
  private async write<T>(mutationId: string, send: () => Promise<T>): Promise<T> {
    try {
      const result = await send();
      this.dropOverlay(mutationId, null);
      return result;
    } catch (error) {
      this.dropOverlay(mutationId, error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  private dropOverlay(mutationId: string, error: Error | null) {
    this.overlays = this.overlays.filter((o) => o.mutationId !== mutationId);
    this.publish(error ? { error } : {});
  }

  private publish(next: Partial<CollectionSnapshot>) {
    const docs = new Map(this.server);
    for (const overlay of this.overlays) {
      if (overlay.kind === "insert") docs.set(overlay.doc._id, overlay.doc);
      else if (overlay.kind === "delete") docs.delete(overlay.docId);
      else {
        const base = docs.get(overlay.docId);
        if (base) docs.set(overlay.docId, { ...base, ...overlay.data, _pending: true });
      }
    }
    const sorted = [...docs.values()].sort((a, b) => (updatedAt(a) < updatedAt(b) ? 1 : updatedAt(a) > updatedAt(b) ? -1 : 0));
    this.emit({ ...this.snapshot, ...next, docs: sorted });
  }
}
