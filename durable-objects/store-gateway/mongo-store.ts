import { MongoClient, MongoServerError, type ClientSession, type Db, type Filter as MongoFilter } from "mongodb";
import { catalog, collectionNames, indexName, isCollectionName, type IndexSpec } from "../../platform/store/catalog.ts";
import { newDocId } from "../../shared/ids.ts";
import { afterFilter, keysetOf, PageBuilder } from "./keyset.ts";
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
import { BatchPreconditionFailed, matchedSomething, type BatchOutcome, type WriteOp } from "../../platform/store/write-batch.ts";

const DUPLICATE_KEY = 11000;

/** Maps the server's E11000 to the store's typed error; anything else is rethrown as is. */
function translate(error: unknown, collection: string): never {
  if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
    const index = /index: (\S+)/.exec(error.message)?.[1] ?? "unknown";
    throw new DuplicateKeyError(collection, index, (error.keyValue as Record<string, unknown> | undefined) ?? {});
  }
  throw error;
}

/**
 * The production backend: the official driver, one MongoClient per gateway instance (a client per
 * request would pay a TCP+TLS handshake every time). Documents use string `_id`s, as in embedded.
 */
export class MongoStore implements DocumentStore {
  readonly kind = "mongo" as const;
  private readonly client: MongoClient;
  private readonly db: Db;

  constructor(uri: string, dbName?: string, serverSelectionTimeoutMS = 5000) {
    this.client = new MongoClient(uri, { maxPoolSize: 10, serverSelectionTimeoutMS });
    this.db = this.client.db(dbName);
  }

  private coll(name: string) {
    if (!isCollectionName(name)) throw new StoreUsageError(`Unknown collection "${name}"`);
    return this.db.collection<Doc>(name);
  }

  async ensureSchema(): Promise<void> {
    for (const name of collectionNames) {
      const specs = catalog[name] as IndexSpec[];
      if (specs.length === 0) continue;
      await this.db.collection<Doc>(name).createIndexes(
        specs.map((spec) => ({
          key: spec.keys,
          name: indexName(spec),
          ...(spec.unique ? { unique: true } : {}),
          ...(spec.sparse ? { sparse: true } : {}),
        })),
      );
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async findOne(collection: string, filter: Filter, options: FindOptions = {}): Promise<Doc | null> {
    const [doc] = await this.find(collection, filter, { ...options, limit: 1 });
    return doc ?? null;
  }

  async find(collection: string, filter: Filter, options: FindOptions = {}): Promise<Doc[]> {
    let cursor = this.coll(collection).find(filter as MongoFilter<Doc>);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    if (options.projection) cursor = cursor.project(options.projection);
    return cursor.toArray();
  }

  /** A keyset page, read one document at a time so a page never holds more than its byte budget. */
  async findPage(collection: string, filter: Filter, options: PageOptions): Promise<Page> {
    const { fields, direction } = keysetOf(options);
    const query = options.after ? { $and: [filter, afterFilter(fields, direction, options.after)] } : filter;
    const cursor = this.coll(collection)
      .find(query as MongoFilter<Doc>)
      .sort(options.sort)
      .limit(options.limit + 1);
    if (options.projection) cursor.project(options.projection);
    const builder = new PageBuilder(options.limit, options.maxBytes);
    try {
      for await (const doc of cursor) {
        if (!builder.add(doc, JSON.stringify(doc).length)) break;
      }
    } finally {
      await cursor.close();
    }
    return builder.page();
  }

  async distinct(collection: string, field: string, filter: Filter): Promise<(string | number | boolean | null)[]> {
    const values: unknown[] = await this.coll(collection).distinct(field, filter as MongoFilter<Doc>);
    return values.filter((v): v is string | number | boolean | null => v === null || ["string", "number", "boolean"].includes(typeof v));
  }

  async countDocuments(collection: string, filter: Filter): Promise<number> {
    return this.coll(collection).countDocuments(filter as MongoFilter<Doc>);
  }

  async insertOne(collection: string, input: object, session?: ClientSession): Promise<Doc> {
    const doc = { ...input } as Doc;
    doc._id ??= newDocId();
    if (typeof doc._id !== "string" || doc._id.length === 0) throw new StoreUsageError("_id must be a non-empty string.");
    try {
      await this.coll(collection).insertOne(doc, session ? { session } : {});
    } catch (error) {
      translate(error, collection);
    }
    return doc;
  }

  async updateOne(collection: string, filter: Filter, update: Update, options: UpdateOptions = {}, session?: ClientSession): Promise<UpdateResult> {
    try {
      const withId = options.upsert ? withInsertId(filter, update) : update;
      const result = await this.coll(collection).updateOne(filter as MongoFilter<Doc>, withId, { upsert: options.upsert ?? false, ...(session ? { session } : {}) });
      return {
        matchedCount: result.matchedCount,
        modifiedCount: result.modifiedCount,
        upsertedId: result.upsertedId === null ? null : String(result.upsertedId),
      };
    } catch (error) {
      translate(error, collection);
    }
  }

  async findOneAndUpdate(collection: string, filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}, session?: ClientSession): Promise<Doc | null> {
    try {
      const withId = options.upsert ? withInsertId(filter, update) : update;
      const doc = await this.coll(collection).findOneAndUpdate(filter as MongoFilter<Doc>, withId, {
        upsert: options.upsert ?? false,
        returnDocument: options.returnDocument ?? "after",
        ...(options.sort ? { sort: options.sort } : {}),
        ...(options.projection ? { projection: options.projection } : {}),
        ...(session ? { session } : {}),
      });
      return doc;
    } catch (error) {
      translate(error, collection);
    }
  }

  async deleteOne(collection: string, filter: Filter, session?: ClientSession): Promise<{ deletedCount: number }> {
    const result = await this.coll(collection).deleteOne(filter as MongoFilter<Doc>, session ? { session } : {});
    return { deletedCount: result.deletedCount };
  }

  async deleteMany(collection: string, filter: Filter, session?: ClientSession): Promise<{ deletedCount: number }> {
    const result = await this.coll(collection).deleteMany(filter as MongoFilter<Doc>, session ? { session } : {});
    return { deletedCount: result.deletedCount };
  }

  /**
   * Several writes together. On a replica set or a sharded cluster (every Atlas deployment) they run
   * in one multi-document transaction; a standalone server has none, so they run in order and stop
   * at a required write that matched nothing. Callers put the required write first, so a failed
   * precondition never leaves an audit record behind.
   */
  async applyBatch(writes: WriteOp[]): Promise<BatchOutcome> {
    if (!(await this.supportsTransactions())) return this.applyInOrder(writes);
    const session = this.client.startSession();
    try {
      return await session.withTransaction(() => this.applyInOrder(writes, session, true));
    } catch (error) {
      if (error instanceof BatchPreconditionFailed) return { committed: false, results: error.results };
      throw error;
    } finally {
      await session.endSession();
    }
  }

  private async applyInOrder(writes: WriteOp[], session?: ClientSession, abort = false): Promise<BatchOutcome> {
    const results: unknown[] = [];
    for (const write of writes) {
      const result = await this.applyOne(write, session);
      results.push(result);
      if (write.required && !matchedSomething(write, result)) {
        if (abort) throw new BatchPreconditionFailed(results);
        return { committed: false, results };
      }
    }
    return { committed: true, results };
  }

  private applyOne(write: WriteOp, session?: ClientSession): Promise<unknown> {
    switch (write.op) {
      case "insertOne":
        return this.insertOne(write.collection, write.doc, session);
      case "updateOne":
        return this.updateOne(write.collection, write.filter, write.update, write.options, session);
      case "findOneAndUpdate":
        return this.findOneAndUpdate(write.collection, write.filter, write.update, write.options, session);
      case "deleteOne":
        return this.deleteOne(write.collection, write.filter, session);
      case "deleteMany":
        return this.deleteMany(write.collection, write.filter, session);
    }
  }

  private transactions: Promise<boolean> | null = null;

  /** Transactions need a replica set member or a mongos; asked once per client. */
  private supportsTransactions(): Promise<boolean> {
    this.transactions ??= this.db
      .admin()
      .command({ hello: 1 })
      .then((hello) => typeof hello.setName === "string" || hello.msg === "isdbgrid");
    return this.transactions;
  }
}

/** Upserts get a string `_id` (unless the filter or update sets one) instead of the driver's ObjectId. */
function withInsertId(filter: Filter, update: Update): Update {
  const setOnInsert = (update.$setOnInsert ?? {}) as Record<string, unknown>;
  const set = (update.$set ?? {}) as Record<string, unknown>;
  if ("_id" in filter || "_id" in setOnInsert || "_id" in set) return update;
  return { ...update, $setOnInsert: { ...setOnInsert, _id: newDocId() } };
}
