import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../platform/env.ts";
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
  type Page,
  type PageOptions,
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from "../../platform/store/document-store.ts";
import type { StoreResult } from "../../platform/store/store-result.ts";
import { Outbox } from "./outbox.ts";
import { OutboxDelivery } from "./outbox-delivery.ts";
import { asStoredAppDoc, toScopedChange } from "../../shared/app-data/stored-doc.ts";
import { dataChannel, publish } from "../../platform/realtime/channel-client.ts";
import { log } from "../../platform/log.ts";

const RETRY_MS = 5_000;
/** Every page answer stays well inside the Workers RPC message limit (32 MiB), whatever the caller asks. */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;
export const MAX_PAGE_DOCS = 1000;

/**
 * Executes document operations for the Worker (docs/data-model.md). Embedded: the documents live in this
 * object's SQLite, and the object's single-threaded execution makes every operation atomic.
 * Mongo: this object holds the MongoClient; MongoDB provides the atomicity.
 */
export class StoreGateway extends DurableObject<Env> {
  private readonly store: DocumentStore;
  /**
   * Announcements wait here until their Channel acknowledges them: app_data changes (embedded mode;
   * with MongoDB the relay announces those) and workspace events (both modes).
   */
  private readonly outbox: Outbox;
  private readonly delivery: OutboxDelivery;
  private schemaReady: Promise<void> | null = null;
  /** Set when a write appended to the outbox; cleared once a delivery has been started for it. */
  private undelivered = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const outbox = new Outbox(ctx.storage);
    this.outbox = outbox;
    this.delivery = new OutboxDelivery(outbox, (channel, events) => publish(env, channel, events), `gw-${ctx.id.toString().slice(0, 12)}`);
    if (env.MONGODB_URI) {
      // MongoDB's change stream (read by the ChangeRelay container) announces app_data writes.
      this.store = new MongoStore(env.MONGODB_URI, env.MONGODB_DB);
      return;
    }
    this.store = new EmbeddedStore(ctx.storage.sql, {
      transact: (fn) => ctx.storage.transactionSync(fn),
      watched: new Set(["app_data"]),
      onChange: (_collection, change) => {
        const scoped = toScopedChange({
          operationType: change.operationType,
          documentKey: change.documentKey,
          fullDocument: asStoredAppDoc(change.fullDocument),
          fullDocumentBeforeChange: asStoredAppDoc(change.fullDocumentBeforeChange),
        });
        if (!scoped) return;
        outbox.append(dataChannel(scoped.workspaceId, scoped.scopedAppId), scoped.event);
        this.undelivered = true;
      },
    });
    // Cheap (IF NOT EXISTS) and must finish before the first query runs.
    void ctx.blockConcurrencyWhile(() => this.ensureSchema());
  }

  /** Retries outbox delivery until every change is acknowledged. */
  override async alarm(): Promise<void> {
    await this.deliverChanges();
  }

  /**
   * Queues events for a channel (workspace events): stored here at once, delivered right after and
   * retried until acknowledged, so the mutation that caused them never fails on its announcement.
   */
  async announce(channel: string, events: unknown[]): Promise<void> {
    for (const event of events) this.outbox.append(channel, event);
    this.undelivered = true;
    await this.afterWrite();
  }

  private async deliverChanges(): Promise<void> {
    try {
      await this.delivery.drain();
    } catch (error) {
      log("warn", "outbox delivery failed; retrying", { error: error instanceof Error ? error.message : String(error), retryMs: RETRY_MS });
      await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
    }
  }

  /** After a write: deliver now, with the alarm as the safety net if this instance goes away. */
  private async afterWrite(): Promise<void> {
    if (!this.undelivered) return;
    this.undelivered = false;
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
    this.ctx.waitUntil(this.deliverChanges());
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

  private async run<T>(operation: () => Promise<T>, writes = false): Promise<StoreResult<T>> {
    await this.ensureSchema();
    try {
      const value = await operation();
      if (writes) await this.afterWrite();
      return { ok: true, value };
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
  findPage(collection: string, filter: Filter, options: PageOptions): Promise<StoreResult<Page>> {
    const bounded = { ...options, limit: Math.min(options.limit, MAX_PAGE_DOCS), maxBytes: Math.min(options.maxBytes, MAX_PAGE_BYTES) };
    return this.run(() => this.store.findPage(collection, filter, bounded));
  }
  distinct(collection: string, field: string, filter: Filter): Promise<StoreResult<(string | number | boolean | null)[]>> {
    return this.run(() => this.store.distinct(collection, field, filter));
  }
  countDocuments(collection: string, filter: Filter): Promise<StoreResult<number>> {
    return this.run(() => this.store.countDocuments(collection, filter));
  }
  insertOne(collection: string, doc: object): Promise<StoreResult<Doc>> {
    return this.run(() => this.store.insertOne(collection, doc), true);
  }
  updateOne(collection: string, filter: Filter, update: Update, options?: UpdateOptions): Promise<StoreResult<UpdateResult>> {
    return this.run(() => this.store.updateOne(collection, filter, update, options), true);
  }
  findOneAndUpdate(collection: string, filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<StoreResult<Doc | null>> {
    return this.run(() => this.store.findOneAndUpdate(collection, filter, update, options), true);
  }
  deleteOne(collection: string, filter: Filter): Promise<StoreResult<{ deletedCount: number }>> {
    return this.run(() => this.store.deleteOne(collection, filter), true);
  }
  deleteMany(collection: string, filter: Filter): Promise<StoreResult<{ deletedCount: number }>> {
    return this.run(() => this.store.deleteMany(collection, filter), true);
  }
}
