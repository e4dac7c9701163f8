import { Query } from "mingo";
import { catalog, collectionNames, indexName, isCollectionName, type CollectionName, type IndexSpec } from "../../platform/store/catalog.ts";
import { decodeDoc, decodeString, encodeDoc, sqlValue } from "./json-codec.ts";
import { fieldExpr, planQuery } from "./query-planner.ts";
import { afterFilter, keysetOf, PageBuilder } from "./keyset.ts";
import { newDocId } from "../../shared/ids.ts";
import {
  StoreUsageError,
  type Doc,
  type DocChange,
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
import { applyUpdate, assertOperators, duplicateKeyFrom, seedFromFilter } from "./embedded-updates.ts";
import { project } from "../../platform/store/projection.ts";
import { BatchPreconditionFailed, matchedSomething, type BatchOutcome, type WriteOp } from "../../platform/store/write-batch.ts";

type Row = { id: string; doc: string };

const encoder = new TextEncoder();

const table = (collection: CollectionName) => `"c_${collection}"`;
const sqlIndexName = (collection: CollectionName, spec: IndexSpec) => `ix_${collection}_${indexName(spec)}`;

function collectionOf(name: string): CollectionName {
  if (!isCollectionName(name)) throw new StoreUsageError(`Unknown collection "${name}"`);
  return name;
}

/**
 * The embedded backend: one SQLite table per collection (the id and the JSON document), each
 * declared index an expression index on json_extract, MongoDB semantics from mingo. Every
 * method runs synchronously inside the Durable Object, so a read-modify-write is atomic.
 */
export interface EmbeddedStoreOptions {
  /** Runs a write and its change notification atomically (the Durable Object's transactionSync). */
  transact?: <T>(fn: () => T) => T;
  /** Called inside the write's transaction for every change to a watched collection. */
  onChange?: (collection: CollectionName, change: DocChange) => void;
  watched?: ReadonlySet<string>;
}

export class EmbeddedStore implements DocumentStore {
  readonly kind = "embedded" as const;
  private readonly transact: <T>(fn: () => T) => T;
  constructor(
    private readonly sql: SqlStorage,
    private readonly options: EmbeddedStoreOptions = {},
  ) {
    this.transact = options.transact ?? ((fn) => fn());
  }

  private emit(collection: CollectionName, change: DocChange): void {
    if (this.options.onChange && this.options.watched?.has(collection)) this.options.onChange(collection, change);
  }

  /** Creates every declared collection and index now (a store that serves them all, e.g. the control object). */
  async ensureSchema(): Promise<void> {
    for (const collection of collectionNames) this.use(collection);
  }

  private readonly ready = new Set<CollectionName>();

  /**
   * A collection's table and indexes, created on first use by this instance: a data object that
   * only ever holds app_data never pays for the other collections' tables.
   */
  private use(collection: string): CollectionName {
    const name = collectionOf(collection);
    if (this.ready.has(name)) return name;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS ${table(name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
    const declared = new Set<string>();
    for (const spec of catalog[name] as IndexSpec[]) {
      const fields = Object.keys(spec.keys);
      const columns = Object.entries(spec.keys)
        .map(([field, dir]) => `${fieldExpr(field)} ${dir === -1 ? "DESC" : "ASC"}`)
        .join(", ");
      const where = spec.sparse ? ` WHERE ${fields.map((f) => `${fieldExpr(f)} IS NOT NULL`).join(" AND ")}` : "";
      this.sql.exec(`CREATE ${spec.unique ? "UNIQUE " : ""}INDEX IF NOT EXISTS "${sqlIndexName(name, spec)}" ON ${table(name)} (${columns})${where}`);
      declared.add(sqlIndexName(name, spec));
    }
    // An index the catalog no longer declares (e.g. one a longer index replaced) only costs writes.
    const existing = this.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_%' ESCAPE '\\'", `c_${name}`)
      .toArray();
    for (const index of existing) if (!declared.has(index.name)) this.sql.exec(`DROP INDEX IF EXISTS "${index.name.replaceAll('"', '""')}"`);
    this.ready.add(name);
    return name;
  }

  /** The SQL a find would run; exposed so tests can check that index lookups do not scan. */
  explain(collection: string, filter: Filter, options: FindOptions = {}): string {
    const name = this.use(collection);
    const { sql, params } = this.selectSql(name, filter, options);
    return this.sql
      .exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...params)
      .toArray()
      .map((r) => r.detail)
      .join("\n");
  }

  async findOne(collection: string, filter: Filter, options: FindOptions = {}): Promise<Doc | null> {
    return this.findSync(this.use(collection), filter, { ...options, limit: 1 })[0] ?? null;
  }

  async find(collection: string, filter: Filter, options: FindOptions = {}): Promise<Doc[]> {
    return this.findSync(this.use(collection), filter, options);
  }

  /**
   * A keyset page. When the filter and sort run on an index, SQL seeks straight to the cursor and
   * reads at most one document past the page; otherwise mingo filters and sorts in memory.
   */
  async findPage(collection: string, filter: Filter, options: PageOptions): Promise<Page> {
    const name = this.use(collection);
    const { fields, direction } = keysetOf(options);
    const builder = new PageBuilder(options.limit, options.maxBytes);
    const plan = planQuery(name, filter, options.sort);
    const after = options.after?.map((value, i) => (fields[i] === "_id" ? (typeof value === "string" ? value : null) : sqlValue(value)));
    if (!plan.residual && plan.orderBy && !after?.includes(null)) {
      const params: (string | number | null)[] = [...plan.params];
      let where = plan.where;
      if (after) {
        where += ` AND (${fields.map(fieldExpr).join(", ")}) ${direction === -1 ? "<" : ">"} (${fields.map(() => "?").join(", ")})`;
        params.push(...after);
      }
      const rows = this.sql.exec<Row>(`SELECT id, doc FROM ${table(name)} WHERE ${where} ORDER BY ${plan.orderBy} LIMIT ?`, ...params, options.limit + 1);
      for (const row of rows) {
        if (!builder.add(decodeDoc<Doc>(row.doc), encoder.encode(row.doc).length)) break;
      }
    } else {
      const rest = options.after ? afterFilter(fields, direction, options.after) : {};
      for (const doc of new Query(rest, {}).find<Doc>(this.matching(name, filter)).sort(options.sort).all()) {
        if (!builder.add(doc, encoder.encode(encodeDoc(doc)).length)) break;
      }
    }
    const page = builder.page();
    return { docs: project(page.docs, options.projection), more: page.more };
  }

  /** Read straight from the index when the filter is pushed into SQL: no document is decoded. */
  async distinct(collection: string, field: string, filter: Filter): Promise<(string | number | boolean | null)[]> {
    const name = this.use(collection);
    const plan = planQuery(name, filter);
    const values = plan.residual
      ? this.matching(name, filter).map((doc) => doc[field])
      : this.sql
          .exec<{ v: string | number | null }>(`SELECT DISTINCT ${fieldExpr(field)} AS v FROM ${table(name)} WHERE ${plan.where}`, ...plan.params)
          .toArray()
          .map((row) => (typeof row.v === "string" && field !== "_id" ? decodeString(row.v) : row.v));
    const scalars = values.filter((v): v is string | number | boolean | null => v === null || ["string", "number", "boolean"].includes(typeof v));
    return [...new Set(scalars)];
  }

  async countDocuments(collection: string, filter: Filter): Promise<number> {
    const name = this.use(collection);
    const plan = planQuery(name, filter);
    if (!plan.residual) {
      return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table(name)} WHERE ${plan.where}`, ...plan.params).one().n;
    }
    return this.matching(name, filter).length;
  }

  async insertOne(collection: string, input: object): Promise<Doc> {
    return this.insertOneSync(collection, input);
  }

  private insertOneSync(collection: string, input: object): Doc {
    const name = this.use(collection);
    const doc = { ...input } as Doc;
    doc._id ??= newDocId();
    if (typeof doc._id !== "string" || doc._id.length === 0) throw new StoreUsageError("_id must be a non-empty string.");
    this.transact(() => this.insertRow(name, doc));
    return doc;
  }

  async updateOne(collection: string, filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    return this.updateOneSync(collection, filter, update, options);
  }

  private updateOneSync(collection: string, filter: Filter, update: Update, options: UpdateOptions = {}): UpdateResult {
    const name = this.use(collection);
    assertOperators(update);
    return this.transact(() => {
      const [current] = this.findSync(name, filter, { limit: 1 });
      if (current) {
        const next = structuredClone(current);
        const changed = applyUpdate(next, update, false);
        if (changed) this.replaceRow(name, next, current);
        return { matchedCount: 1, modifiedCount: changed ? 1 : 0, upsertedId: null };
      }
      if (!options.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null };
      const inserted = this.upsertNew(name, filter, update);
      return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id };
    });
  }

  async findOneAndUpdate(collection: string, filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}): Promise<Doc | null> {
    return this.findOneAndUpdateSync(collection, filter, update, options);
  }

  private findOneAndUpdateSync(collection: string, filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}): Doc | null {
    const name = this.use(collection);
    assertOperators(update);
    const findOptions: FindOptions = { limit: 1, ...(options.sort ? { sort: options.sort } : {}) };
    const wantBefore = options.returnDocument === "before";
    return this.transact(() => {
      const [current] = this.findSync(name, filter, findOptions);
      if (current) {
        const next = structuredClone(current);
        if (applyUpdate(next, update, false)) this.replaceRow(name, next, current);
        return project([wantBefore ? current : next], options.projection)[0]!;
      }
      if (!options.upsert) return null;
      const inserted = this.upsertNew(name, filter, update);
      return wantBefore ? null : project([inserted], options.projection)[0]!;
    });
  }

  async deleteOne(collection: string, filter: Filter): Promise<{ deletedCount: number }> {
    return this.deleteOneSync(collection, filter);
  }

  private deleteOneSync(collection: string, filter: Filter): { deletedCount: number } {
    const name = this.use(collection);
    return this.transact(() => {
      const [doc] = this.findSync(name, filter, { limit: 1 });
      if (!doc) return { deletedCount: 0 };
      this.deleteRow(name, doc);
      return { deletedCount: 1 };
    });
  }

  async deleteMany(collection: string, filter: Filter): Promise<{ deletedCount: number }> {
    return this.deleteManySync(collection, filter);
  }

  private deleteManySync(collection: string, filter: Filter): { deletedCount: number } {
    const name = this.use(collection);
    const plan = planQuery(name, filter);
    if (!plan.residual && !this.options.watched?.has(name)) {
      return { deletedCount: this.sql.exec(`DELETE FROM ${table(name)} WHERE ${plan.where}`, ...plan.params).rowsWritten };
    }
    return this.transact(() => {
      const docs = this.matching(name, filter);
      for (const doc of docs) this.deleteRow(name, doc);
      return { deletedCount: docs.length };
    });
  }

  /**
   * Several writes as one transaction (a change, its audit record, its announcements): either all
   * are kept or none. A `required` write that matches nothing rolls the batch back.
   */
  applyBatch(writes: WriteOp[], andThen: () => void = () => {}): BatchOutcome {
    try {
      return this.transact(() => {
        const results = writes.map((write) => this.applySync(write));
        if (writes.some((write, i) => write.required && !matchedSomething(write, results[i]))) throw new BatchPreconditionFailed(results);
        andThen();
        return { committed: true, results };
      });
    } catch (error) {
      if (error instanceof BatchPreconditionFailed) return { committed: false, results: error.results };
      throw error;
    }
  }

  /** Copies documents in as they are, keeping any already here and announcing nothing (a shard taking over its documents). */
  adoptRows(collection: string, docs: Doc[]): void {
    const name = this.use(collection);
    this.transact(() => {
      for (const doc of docs) this.sql.exec(`INSERT OR IGNORE INTO ${table(name)} (id, doc) VALUES (?, ?)`, doc._id, encodeDoc(doc));
    });
  }

  /** Removes documents without announcing it (they live on in the shard that adopted them). */
  dropRows(collection: string, ids: string[]): void {
    const name = this.use(collection);
    this.transact(() => {
      for (const id of ids) this.sql.exec(`DELETE FROM ${table(name)} WHERE id = ?`, id);
    });
  }

  private applySync(write: WriteOp): unknown {
    switch (write.op) {
      case "insertOne":
        return this.insertOneSync(write.collection, write.doc);
      case "updateOne":
        return this.updateOneSync(write.collection, write.filter, write.update, write.options);
      case "findOneAndUpdate":
        return this.findOneAndUpdateSync(write.collection, write.filter, write.update, write.options);
      case "deleteOne":
        return this.deleteOneSync(write.collection, write.filter);
      case "deleteMany":
        return this.deleteManySync(write.collection, write.filter);
    }
  }

  private selectSql(name: CollectionName, filter: Filter, options: FindOptions) {
    const plan = planQuery(name, filter, options.sort);
    let sql = `SELECT id, doc FROM ${table(name)} WHERE ${plan.where}`;
    const params = [...plan.params];
    const sqlCanPage = !plan.residual && (!options.sort || Object.keys(options.sort).length === 0 || plan.orderBy !== null);
    if (plan.orderBy) sql += ` ORDER BY ${plan.orderBy}`;
    if (sqlCanPage && (options.limit !== undefined || options.skip !== undefined)) {
      sql += ` LIMIT ? OFFSET ?`;
      params.push(options.limit && options.limit > 0 ? options.limit : -1, options.skip ?? 0);
    }
    return { sql, params, sqlCanPage };
  }

  private matching(name: CollectionName, filter: Filter): Doc[] {
    const plan = planQuery(name, filter);
    const rows = this.sql.exec<Row>(`SELECT id, doc FROM ${table(name)} WHERE ${plan.where}`, ...plan.params).toArray();
    const docs = rows.map((r) => decodeDoc<Doc>(r.doc));
    return new Query(filter, {}).find<Doc>(docs).all();
  }

  private findSync(name: CollectionName, filter: Filter, options: FindOptions): Doc[] {
    const { sql, params, sqlCanPage } = this.selectSql(name, filter, options);
    const docs = this.sql
      .exec<Row>(sql, ...params)
      .toArray()
      .map((r) => decodeDoc<Doc>(r.doc));
    let cursor = new Query(filter, {}).find<Doc>(docs);
    if (!sqlCanPage) {
      if (options.sort && Object.keys(options.sort).length) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit && options.limit > 0) cursor = cursor.limit(options.limit);
    }
    return project(cursor.all(), options.projection);
  }

  private upsertNew(name: CollectionName, filter: Filter, update: Update): Doc {
    const doc = seedFromFilter(filter);
    // An upsert may name the new _id in $setOnInsert or $set (MongoDB allows it on insert only).
    const { $setOnInsert, $set, ...rest } = update as Record<string, Record<string, unknown> | undefined>;
    const { _id: insertId, ...setOnInsert } = $setOnInsert ?? {};
    const { _id: setId, ...set } = $set ?? {};
    doc._id ??= insertId ?? setId ?? newDocId();
    applyUpdate(doc, { ...rest, ...($setOnInsert ? { $setOnInsert: setOnInsert } : {}), ...($set ? { $set: set } : {}) }, true);
    this.insertRow(name, doc as Doc);
    return doc as Doc;
  }

  private insertRow(name: CollectionName, doc: Doc): void {
    try {
      this.sql.exec(`INSERT INTO ${table(name)} (id, doc) VALUES (?, ?)`, doc._id, encodeDoc(doc));
    } catch (error) {
      throw duplicateKeyFrom(error, name, doc) ?? error;
    }
    this.emit(name, { operationType: "insert", documentKey: { _id: doc._id }, fullDocument: doc });
  }

  private replaceRow(name: CollectionName, doc: Doc, before: Doc): void {
    try {
      this.sql.exec(`UPDATE ${table(name)} SET doc = ? WHERE id = ?`, encodeDoc(doc), doc._id);
    } catch (error) {
      throw duplicateKeyFrom(error, name, doc) ?? error;
    }
    this.emit(name, { operationType: "update", documentKey: { _id: doc._id }, fullDocument: doc, fullDocumentBeforeChange: before });
  }

  private deleteRow(name: CollectionName, doc: Doc): void {
    this.sql.exec(`DELETE FROM ${table(name)} WHERE id = ?`, doc._id);
    this.emit(name, { operationType: "delete", documentKey: { _id: doc._id }, fullDocumentBeforeChange: doc });
  }
}
