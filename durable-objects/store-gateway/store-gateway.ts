import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../platform/env.ts";
import { EmbeddedStore } from "./embedded-store.ts";
import { MongoStore } from "./mongo-store.ts";
import {
  DuplicateKeyError,
  StoreUsageError,
  type Doc,
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
import type { BatchOutcome, WriteBatch } from "../../platform/store/write-batch.ts";
import type { ShardRef } from "../../platform/store/shards.ts";
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
  private readonly store: EmbeddedStore | MongoStore;
  /**
   * Announcements wait here until their Channel acknowledges them: app_data changes (embedded mode;
   * with MongoDB the relay announces those) and workspace events (both modes).
   */
  private readonly outbox: Outbox;
  private readonly delivery: OutboxDelivery;
  private schemaReady: Promise<void> | null = null;
  /** Set when a write appended to the outbox; cleared once a delivery has been started for it. */
  private undelivered = false;
  /** This instance set the retry alarm and it has not fired yet: no storage read per write to check. */
  private alarmArmed = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const outbox = new Outbox(ctx.storage);
    this.outbox = outbox;
    this.delivery = new OutboxDelivery(outbox, (channel, events) => publish(env, channel, events), `gw-${ctx.id.toString().slice(0, 12)}`);
    if (env.MONGODB_URI) {
      // MongoDB's change stream (read by the ChangeRelay container) announces app_data writes.
      this.store = new MongoStore(env.MONGODB_URI, env.MONGODB_DB);
      void ctx.blockConcurrencyWhile(() => this.ensureSchema());
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
    // The embedded store creates each collection's table on first use (a data object only ever
    // creates app_data's); MongoDB's indexes are ensured before the first query runs.
  }

  /** Retries outbox delivery until every change is acknowledged. */
  override async alarm(): Promise<void> {
    this.alarmArmed = false;
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
      await this.armAlarm(true);
    }
  }

  /** The safety net: an alarm RETRY_MS from now, unless one is already set (`force`: set it again). */
  private async armAlarm(force = false): Promise<void> {
    if (this.alarmArmed && !force) return;
    if (force || (await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
    this.alarmArmed = true;
  }

  /** After a write: deliver now, with the alarm as the safety net if this instance goes away. */
  private async afterWrite(): Promise<void> {
    if (!this.undelivered) return;
    this.undelivered = false;
    await this.armAlarm();
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

  /** MongoDB: its indexes exist. Embedded: nothing to wait for (tables are created on first use). */
  private prepared(): Promise<void> {
    return this.store.kind === "mongo" ? this.ensureSchema() : Promise.resolve();
  }

  private async run<T>(operation: () => Promise<T>, writes = false): Promise<StoreResult<T>> {
    await this.prepared();
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

  /**
   * Writes, their audit records and their announcements in one call. Embedded: one SQLite
   * transaction holds the writes and the outbox rows, so all are kept or none. MongoDB: the writes
   * go through MongoStore.applyBatch (a transaction where the deployment has them), and the
   * announcements are queued here once they committed.
   */
  commit(batch: WriteBatch): Promise<StoreResult<BatchOutcome>> {
    const queue = () => {
      for (const { channel, event } of batch.announcements) this.outbox.append(channel, event);
      if (batch.announcements.length > 0) this.undelivered = true;
    };
    return this.run(async () => {
      if (this.store instanceof EmbeddedStore) return this.store.applyBatch(batch.writes, queue);
      const outcome = await this.store.applyBatch(batch.writes);
      if (outcome.committed) queue();
      return outcome;
    }, true);
  }

  // The shard catalog (docs/decisions/0029-sharded-embedded-store.md): the control object records
  // every data object and hands over the documents each one held before the store was sharded.

  private embedded(): EmbeddedStore {
    if (this.store instanceof EmbeddedStore) return this.store;
    throw new Error("Shards exist only in the embedded store.");
  }

  /** Records a data object; true once it holds every document of its key. */
  async registerShard(shard: ShardRef): Promise<boolean> {
    await this.prepared();
    const store = this.embedded();
    const known = await store.findOne("data_shards", { _id: shard.name });
    if (known) return known.adopted === true;
    await store.updateOne(
      "data_shards",
      { _id: shard.name },
      { $setOnInsert: { collection: shard.collection, key: shard.key, workspaceId: shard.key.workspaceId ?? null, adopted: false, createdAt: new Date() } },
      { upsert: true },
    );
    return false;
  }

  /** The data objects of a collection, within one workspace when it is given. */
  async listShards(collection: string, workspaceId: string | null): Promise<string[]> {
    await this.prepared();
    const shards = await this.embedded().find("data_shards", { collection, ...(workspaceId ? { workspaceId } : {}) }, { projection: { _id: 1 } });
    return shards.map((shard) => shard._id);
  }

  /** Documents of a shard's key still held here, written before the store was sharded. */
  legacyDocs(shard: ShardRef, limit: number): Promise<StoreResult<Doc[]>> {
    return this.run(() => this.embedded().find(shard.collection, shard.key, { limit }));
  }

  async dropLegacyDocs(shard: ShardRef, ids: string[]): Promise<void> {
    await this.prepared();
    const store = this.embedded();
    const mine = await store.find(shard.collection, { ...shard.key, _id: { $in: ids } }, { projection: { _id: 1 } });
    store.dropRows(
      shard.collection,
      mine.map((doc) => doc._id),
    );
  }

  async markShardAdopted(shard: ShardRef): Promise<void> {
    await this.prepared();
    await this.embedded().updateOne("data_shards", { _id: shard.name }, { $set: { adopted: true } });
  }

  /** In a data object: takes over documents from the control object, announcing nothing. */
  async adopt(collection: string, docs: Doc[]): Promise<void> {
    await this.prepared();
    this.embedded().adoptRows(collection, docs);
  }
}
