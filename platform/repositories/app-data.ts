import type { Env } from "../env.ts";
import { ApiError } from "../api-error.ts";
import { decodeCursor, encodeCursor } from "../store/keyset-cursor.ts";
import { CollectionClient, DuplicateKeyError } from "../store/store-client.ts";
import { newDocId } from "../../shared/ids.ts";
import type { StoredAppDoc } from "../../shared/app-data/stored-doc.ts";
import { docLimitIssue } from "../../shared/app-data/doc-limits.ts";
import { MAX_DOC_BYTES } from "../../shared/api/app-data.ts";

export interface DataScope {
  workspaceId: string;
  /** The app id (published) or the app's draft scope id. */
  scopedAppId: string;
}

/** A page answer to a browser stays small; a page always holds at least one document. */
const PAGE_MAX_BYTES = 4 * 1024 * 1024;

/** The one size and shape check of every app-data write, whoever writes; `data` is the whole document after the write. */
export function assertStorable(data: Record<string, unknown>): void {
  const issue = docLimitIssue(data);
  if (!issue) return;
  if (issue.kind === "too_large") throw new ApiError("payload_too_large", `A document may be at most ${MAX_DOC_BYTES} bytes; this one would be ${issue.bytes}.`);
  throw new ApiError("validation_failed", `The document is invalid: ${issue.path}: ${issue.message}`, [{ path: issue.path, message: issue.message }]);
}

export interface DocPage {
  docs: StoredAppDoc[];
  nextCursor: string | null;
}

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

  /** One page, newest update first; the (updatedAt, _id) cursor keeps pages exact under concurrent writes. */
  async page(scope: DataScope, collection: string, limit: number, cursor?: string): Promise<DocPage> {
    const page = await this.docs.findPage(this.key(scope, collection), {
      sort: { updatedAt: -1, _id: -1 },
      limit,
      maxBytes: PAGE_MAX_BYTES,
      ...(cursor ? { after: decodeCursor(cursor) } : {}),
    });
    const last = page.docs.at(-1);
    return { docs: page.docs, nextCursor: page.more && last ? encodeCursor(last.updatedAt, last._id) : null };
  }

  /** Collection names with their document counts (the Data Explorer's index), counted in the store. */
  async collections(scope: DataScope): Promise<{ name: string; count: number }[]> {
    const where = { workspaceId: scope.workspaceId, appId: scope.scopedAppId };
    const names = (await this.docs.distinct("collection", where)).filter((name): name is string => typeof name === "string");
    const counts = await Promise.all(names.map(async (name) => ({ name, count: await this.docs.countDocuments({ ...where, collection: name }) })));
    return counts.sort((a, b) => a.name.localeCompare(b.name));
  }

  get(scope: DataScope, collection: string, docId: string) {
    return this.docs.findOne({ ...this.key(scope, collection), _id: docId });
  }

  insert(scope: DataScope, collection: string, data: Record<string, unknown>, mutationId?: string) {
    assertStorable(data);
    const now = new Date();
    return this.docs.insertOne({
      _id: newDocId(),
      ...this.key(scope, collection),
      data,
      createdAt: now,
      updatedAt: now,
      ...(mutationId ? { mutationId } : {}),
    });
  }

  /** Shallow merge into `data`; null when the document does not exist in this scope. */
  async patch(scope: DataScope, collection: string, docId: string, data: Record<string, unknown>, mutationId?: string) {
    const current = await this.get(scope, collection, docId);
    if (!current) return null;
    assertStorable({ ...current.data, ...data });
    return this.docs.findOneAndUpdate({ ...this.key(scope, collection), _id: docId }, { $set: this.setOf(data, mutationId, new Date()) });
  }

  /**
   * Insert-or-merge by id (agents often do not know whether a record exists). Null when the id
   * belongs to a document outside this scope: to the caller that is a foreign id, so a 404.
   */
  async upsert(scope: DataScope, collection: string, docId: string, data: Record<string, unknown>, mutationId?: string) {
    const current = await this.get(scope, collection, docId);
    assertStorable(current ? { ...current.data, ...data } : data);
    const now = new Date();
    try {
      return await this.docs.findOneAndUpdate(
        { ...this.key(scope, collection), _id: docId },
        { $set: this.setOf(data, mutationId, now), $setOnInsert: { createdAt: now } },
        { upsert: true },
      );
    } catch (error) {
      if (error instanceof DuplicateKeyError) return null;
      throw error;
    }
  }

  async remove(scope: DataScope, collection: string, docId: string): Promise<boolean> {
    const { deletedCount } = await this.docs.deleteOne({ ...this.key(scope, collection), _id: docId });
    return deletedCount > 0;
  }

  private setOf(data: Record<string, unknown>, mutationId: string | undefined, now: Date): Record<string, unknown> {
    const set: Record<string, unknown> = { updatedAt: now, mutationId: mutationId ?? null };
    for (const [field, value] of Object.entries(data)) set[`data.${field}`] = value;
    return set;
  }
}
