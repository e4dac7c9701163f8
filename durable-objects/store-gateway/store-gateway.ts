import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../worker/env.ts";
import { EmbeddedStore } from "./embedded-store.ts";
import { MongoStore } from "./mongo-store.ts";
import {
  DuplicateKeyError,
  StoreUsageError,
  type Doc,
  type DocumentStore,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from "./document-store.ts";
import type { StoreResult } from "./store-result.ts";

/**
 * Executes document operations for the Worker (DESIGN.md §4). Embedded: the documents live in this
 * object's SQLite, and the object's single-threaded execution makes every operation atomic.
 * Mongo: this object holds the MongoClient; MongoDB provides the atomicity.
 */
export class StoreGateway extends DurableObject<Env> {
  private readonly store: DocumentStore;
  private schemaReady: Promise<void> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = env.MONGODB_URI ? new MongoStore(env.MONGODB_URI, env.MONGODB_DB) : new EmbeddedStore(ctx.storage.sql);
    if (this.store.kind === "embedded") {
      // Cheap (IF NOT EXISTS) and must finish before the first query runs.
      void ctx.blockConcurrencyWhile(() => this.ensureSchema());
    }
  }

  kind(): "embedded" | "mongo" {
    return this.store.kind;
  }

  /** Idempotent; runs once per instance, and again after a failure. */
  ensureSchema(): Promise<void> {
    this.schemaReady ??= this.store.ensureSchema().catch((error: unknown) => {
      this.schemaReady = null;
      throw error;
    });
    return this.schemaReady;
  }

  private async run<T>(operation: () => Promise<T>): Promise<StoreResult<T>> {
    await this.ensureSchema();
    try {
      return { ok: true, value: await operation() };
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        return { ok: false, error: { kind: "duplicate_key", collection: error.collection, index: error.index, key: error.key } };
      }
      if (error instanceof StoreUsageError) return { ok: false, error: { kind: "usage", message: error.message } };
      throw error;
    }
  }

  findOne(collection: string, filter: Filter, options?: FindOptions): Promise<StoreResult<Doc | null>> {
    return this.run(() => this.store.findOne(collection, filter, options));
  }
  find(collection: string, filter: Filter, options?: FindOptions): Promise<StoreResult<Doc[]>> {
    return this.run(() => this.store.find(collection, filter, options));
  }
  countDocuments(collection: string, filter: Filter): Promise<StoreResult<number>> {
    return this.run(() => this.store.countDocuments(collection, filter));
  }
  insertOne(collection: string, doc: Record<string, unknown>): Promise<StoreResult<Doc>> {
    return this.run(() => this.store.insertOne(collection, doc));
  }
  updateOne(collection: string, filter: Filter, update: Update, options?: UpdateOptions): Promise<StoreResult<UpdateResult>> {
    return this.run(() => this.store.updateOne(collection, filter, update, options));
  }
  findOneAndUpdate(collection: string, filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<StoreResult<Doc | null>> {
    return this.run(() => this.store.findOneAndUpdate(collection, filter, update, options));
  }
  deleteOne(collection: string, filter: Filter): Promise<StoreResult<{ deletedCount: number }>> {
    return this.run(() => this.store.deleteOne(collection, filter));
  }
  deleteMany(collection: string, filter: Filter): Promise<StoreResult<{ deletedCount: number }>> {
    return this.run(() => this.store.deleteMany(collection, filter));
  }
}
