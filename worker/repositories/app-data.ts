import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newDocId } from "../../shared/ids.ts";
import type { StoredAppDoc } from "../../shared/app-data/stored-doc.ts";

export interface DataScope {
  workspaceId: string;
  /** The app id (published) or the app's draft scope id. */
  scopedAppId: string;
}

const LIST_LIMIT = 1000;

/**
 * App data documents (docs/data-model.md). Every query carries workspaceId + scoped appId + collection;
 * writes are announced by the store's change feed (embedded outbox or the MongoDB relay).
 */
export class AppDataRepository {
  private readonly docs: CollectionClient<StoredAppDoc>;
  constructor(env: Env) {
    this.docs = new CollectionClient<StoredAppDoc>(env, "app_data");
  }

  private key(scope: DataScope, collection: string) {
    return { workspaceId: scope.workspaceId, appId: scope.scopedAppId, collection };
  }

  /** Newest update first. */
  list(scope: DataScope, collection: string) {
    return this.docs.find(this.key(scope, collection), { sort: { updatedAt: -1 }, limit: LIST_LIMIT });
  }

  /** Collection names with their document counts (the Data Explorer's index). */
  async collections(scope: DataScope): Promise<{ name: string; count: number }[]> {
    const rows = await this.docs.find({ workspaceId: scope.workspaceId, appId: scope.scopedAppId }, { projection: { collection: 1 }, limit: 100_000 });
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.collection, (counts.get(row.collection) ?? 0) + 1);
    return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name));
  }

  get(scope: DataScope, collection: string, docId: string) {
    return this.docs.findOne({ ...this.key(scope, collection), _id: docId });
  }

  insert(scope: DataScope, collection: string, data: Record<string, unknown>, mutationId?: string, docId?: string) {
    const now = new Date();
    return this.docs.insertOne({
      _id: docId ?? newDocId(),
      ...this.key(scope, collection),
      data,
      createdAt: now,
      updatedAt: now,
      ...(mutationId ? { mutationId } : {}),
    });
  }

  /** Shallow merge into `data`; null when the document does not exist in this scope. */
  patch(scope: DataScope, collection: string, docId: string, data: Record<string, unknown>, mutationId?: string) {
    const set: Record<string, unknown> = { updatedAt: new Date(), mutationId: mutationId ?? null };
    for (const [field, value] of Object.entries(data)) set[`data.${field}`] = value;
    return this.docs.findOneAndUpdate({ ...this.key(scope, collection), _id: docId }, { $set: set });
  }

  /** Insert-or-merge by id (agents often do not know whether a record exists). */
  upsert(scope: DataScope, collection: string, docId: string, data: Record<string, unknown>, mutationId?: string) {
    const now = new Date();
    const set: Record<string, unknown> = { updatedAt: now, mutationId: mutationId ?? null };
    for (const [field, value] of Object.entries(data)) set[`data.${field}`] = value;
    return this.docs.findOneAndUpdate(
      { ...this.key(scope, collection), _id: docId },
      { $set: set, $setOnInsert: { createdAt: now } },
      { upsert: true },
    );
  }

  async remove(scope: DataScope, collection: string, docId: string): Promise<boolean> {
    const { deletedCount } = await this.docs.deleteOne({ ...this.key(scope, collection), _id: docId });
    return deletedCount > 0;
  }
}
