import { Query, update as applyOperators } from "mingo";
import { catalog, collectionNames, indexName, isCollectionName, type CollectionName, type IndexSpec } from "../../platform/store/catalog.ts";
import { decodeDoc, decodeString, encodeDoc, sqlValue } from "./json-codec.ts";
import { fieldExpr, planQuery } from "./query-planner.ts";
import { afterFilter, keysetOf, PageBuilder } from "./keyset.ts";
import { newDocId } from "../../shared/ids.ts";
import {
  DuplicateKeyError,
  StoreUsageError,
  type Doc,
  type DocChange,
  type DocumentStore,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type Page,
  type PageOptions,
  type Projection,
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from "../../platform/store/document-store.ts";

type Row = { id: string; doc: string };

const encoder = new TextEncoder();

const table = (collection: CollectionName) => `"c_${collection}"`;
const sqlIndexName = (collection: CollectionName, spec: IndexSpec) => `ix_${collection}_${indexName(spec)}`;

function collectionOf(name: string): CollectionName {
  if (!isCollectionName(name)) throw new StoreUsageError(`Unknown collection "${name}"`);
  return name;
}

function project(docs: Doc[], projection?: Projection): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return new Query({}, {}).find<Doc>(docs, projection).all();
}

/** Builds the document an upsert inserts: the filter's equality fields, then the update applied. */
function seedFromFilter(filter: Filter): Record<string, unknown> {
  const seed: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(filter)) {
    if (path.startsWith("$")) continue;
    const isOperatorObject = value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value).some((k) => k.startsWith("$"));
    let eq: unknown = value;
    if (isOperatorObject) {
      if (Object.keys(value).length === 1 && "$eq" in value) eq = value.$eq;
      else continue;
    }
    const parts = path.split(".");
    let cursor = seed;
    for (const part of parts.slice(0, -1)) {
      cursor[part] ??= {};
      cursor = cursor[part] as Record<string, unknown>;
    }
    cursor[parts.at(-1)!] = eq;
  }
  return seed;
}

function assertOperators(update: Update): void {
  const keys = Object.keys(update);
  if (keys.length === 0 || keys.some((k) => !k.startsWith("$"))) {
    throw new StoreUsageError("An update must use update operators such as $set; whole-document replacement is not supported.");
  }
}

/** Applies MongoDB update operators in place; `$setOnInsert` only counts when inserting. */
function applyUpdate(doc: Record<string, unknown>, update: Update, inserting: boolean): boolean {
  const { $setOnInsert, ...operators } = update as Record<string, Record<string, unknown> | undefined>;
  if (inserting && $setOnInsert) operators.$set = { ...$setOnInsert, ...operators.$set };
  if (Object.keys(operators).length === 0) return inserting;
  const before = doc._id;
  const changed = applyOperators(doc, operators, undefined, undefined, { cloneMode: "deep" });
  if (doc._id !== before) throw new StoreUsageError("The _id of a document cannot be changed.");
  return changed.length > 0 || inserting;
}

/** SQLite's unique-constraint message names the index; map it back to the catalog's name. */
function duplicateKeyFrom(error: unknown, collection: CollectionName, doc: Record<string, unknown>): DuplicateKeyError | null {
  const message = error instanceof Error ? error.message : String(error);
  const match = /UNIQUE constraint failed: (?:index '([^']+)'|(\S+))/.exec(message);
  if (!match) return null;
  const prefix = `ix_${collection}_`;
  const name = match[1]?.startsWith(prefix) ? match[1].slice(prefix.length) : "_id_";
  const spec = (catalog[collection] as IndexSpec[]).find((s) => indexName(s) === name);
  const key = spec ? Object.fromEntries(Object.keys(spec.keys).map((f) => [f, doc[f]])) : { _id: doc._id };
  return new DuplicateKeyError(collection, name, key);
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

  async ensureSchema(): Promise<void> {
    const declared = new Set<string>();
    for (const collection of collectionNames) {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS ${table(collection)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
      for (const spec of catalog[collection] as IndexSpec[]) {
        const fields = Object.keys(spec.keys);
        const columns = Object.entries(spec.keys)
          .map(([field, dir]) => `${fieldExpr(field)} ${dir === -1 ? "DESC" : "ASC"}`)
          .join(", ");
        const where = spec.sparse ? ` WHERE ${fields.map((f) => `${fieldExpr(f)} IS NOT NULL`).join(" AND ")}` : "";
        this.sql.exec(`CREATE ${spec.unique ? "UNIQUE " : ""}INDEX IF NOT EXISTS "${sqlIndexName(collection, spec)}" ON ${table(collection)} (${columns})${where}`);
        declared.add(sqlIndexName(collection, spec));
      }
    }
    // An index the catalog no longer declares (e.g. one a longer index replaced) only costs writes.
    const existing = this.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix\\_%' ESCAPE '\\'").toArray();
    for (const { name } of existing) if (!declared.has(name)) this.sql.exec(`DROP INDEX IF EXISTS "${name.replaceAll('"', '""')}"`);
  }

  /** The SQL a find would run; exposed so tests can check that index lookups do not scan. */
  explain(collection: string, filter: Filter, options: FindOptions = {}): string {
    const name = collectionOf(collection);
    const { sql, params } = this.selectSql(name, filter, options);
    return this.sql
      .exec<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...params)
      .toArray()
      .map((r) => r.detail)
      .join("\n");
  }

  async findOne(collection: string, filter: Filter, options: FindOptions = {}): Promise<Doc | null> {
    return this.findSync(collectionOf(collection), filter, { ...options, limit: 1 })[0] ?? null;
  }

  async find(collection: string, filter: Filter, options: FindOptions = {}): Promise<Doc[]> {
    return this.findSync(collectionOf(collection), filter, options);
  }

  /**
   * A keyset page. When the filter and sort run on an index, SQL seeks straight to the cursor and
   * reads at most one document past the page; otherwise mingo filters and sorts in memory.
   */
  async findPage(collection: string, filter: Filter, options: PageOptions): Promise<Page> {
    const name = collectionOf(collection);
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
    const name = collectionOf(collection);
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
    const name = collectionOf(collection);
    const plan = planQuery(name, filter);
    if (!plan.residual) {
      return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table(name)} WHERE ${plan.where}`, ...plan.params).one().n;
    }
    return this.matching(name, filter).length;
  }

  async insertOne(collection: string, input: object): Promise<Doc> {
    const name = collectionOf(collection);
    const doc = { ...input } as Doc;
    doc._id ??= newDocId();
    if (typeof doc._id !== "string" || doc._id.length === 0) throw new StoreUsageError("_id must be a non-empty string.");
    this.transact(() => this.insertRow(name, doc));
    return doc;
  }

  async updateOne(collection: string, filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    const name = collectionOf(collection);
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
    const name = collectionOf(collection);
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
    const name = collectionOf(collection);
    return this.transact(() => {
      const [doc] = this.findSync(name, filter, { limit: 1 });
      if (!doc) return { deletedCount: 0 };
      this.deleteRow(name, doc);
      return { deletedCount: 1 };
    });
  }

  async deleteMany(collection: string, filter: Filter): Promise<{ deletedCount: number }> {
    const name = collectionOf(collection);
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
