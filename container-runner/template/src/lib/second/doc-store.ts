import type { ChangeMessage } from "@second/protocol";
import type { Transport } from "./transport.ts";
import type { Doc } from "./collection-store.ts";
import { LiveStore, newMutationId } from "./live-store.ts";

export interface DocSnapshot {
  data: Doc | null;
  loading: boolean;
  error: Error | null;
}

type Overlay = { mutationId: string; data: Record<string, unknown> } | { mutationId: string; deleted: true };

const updatedAt = (doc: Doc | null) => (doc && typeof doc._updatedAt === "string" ? doc._updatedAt : "");

/**
 * One document by id, however large its collection: fetched on its own (second:data:doc), kept
 * live by the collection's change messages, with optimistic writes rolled back on failure.
 */
export class DocStore extends LiveStore<DocSnapshot> {
  private server: Doc | null = null;
  private overlays: Overlay[] = [];
  /** Set by a live change that arrives while the fetch is in flight: the fetch may be older. */
  private changedWhileLoading = false;

  constructor(
    readonly collection: string,
    readonly docId: string,
    private readonly transport: Pick<Transport, "request">,
  ) {
    super({ data: null, loading: true, error: null });
  }

  protected async read(): Promise<void> {
    this.changedWhileLoading = false;
    try {
      const reply = await this.transport.request<"second:data:doc">({ type: "second:data:doc", collection: this.collection, docId: this.docId });
      const fetched = reply.doc ?? null;
      if (!this.changedWhileLoading || updatedAt(fetched) > updatedAt(this.server)) this.server = fetched;
      this.publish({ loading: false, error: null });
    } catch (error) {
      this.publish({ loading: false, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  /** A change to this collection; only this document's matter. */
  applyChange(change: ChangeMessage): void {
    const id = change.operation === "delete" ? change.docId : change.doc?._id;
    if (id !== this.docId) return;
    this.changedWhileLoading = true;
    if (change.operation === "delete") this.server = null;
    else if (change.doc && updatedAt(change.doc) >= updatedAt(this.server)) this.server = change.doc;
    if (change.mutationId) this.overlays = this.overlays.filter((o) => o.mutationId !== change.mutationId);
    this.publish({});
  }

  update(data: Record<string, unknown>): Promise<Doc> {
    const mutationId = newMutationId();
    return this.write({ mutationId, data }, async () => {
      const reply = await this.transport.request<"second:data:update">({ type: "second:data:update", collection: this.collection, docId: this.docId, data, mutationId });
      if (!reply.doc) throw new Error("The platform answered without the document.");
      this.server = reply.doc;
      return reply.doc;
    });
  }

  remove(): Promise<void> {
    const mutationId = newMutationId();
    return this.write({ mutationId, deleted: true }, async () => {
      await this.transport.request<"second:data:delete">({ type: "second:data:delete", collection: this.collection, docId: this.docId, mutationId });
      this.server = null;
    });
  }

  private async write<T>(overlay: Overlay, send: () => Promise<T>): Promise<T> {
    this.overlays.push(overlay);
    this.publish({});
    try {
      const result = await send();
      this.overlays = this.overlays.filter((o) => o !== overlay);
      this.publish({});
      return result;
    } catch (error) {
      this.overlays = this.overlays.filter((o) => o !== overlay);
      this.publish({ error: error instanceof Error ? error : new Error(String(error)) });
      throw error;
    }
  }

  private publish(next: Partial<DocSnapshot>) {
    let data = this.server;
    for (const overlay of this.overlays) {
      if ("deleted" in overlay) data = null;
      else if (data) data = { ...data, ...overlay.data, _pending: true };
    }
    this.emit({ ...this.snapshot, ...next, data });
  }
}
