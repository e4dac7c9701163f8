/**
 * The collection API every repository speaks, in MongoDB syntax. Two backends implement it:
 * EmbeddedStore (the gateway's SQLite + mingo) and MongoStore (the official driver).
 * Documents always carry a string `_id`.
 */
export type Doc = { _id: string } & Record<string, unknown>;
export type Filter = Record<string, unknown>;
export type Update = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;
export type Projection = Record<string, 0 | 1>;

export interface FindOptions {
  sort?: SortSpec;
  limit?: number;
  skip?: number;
  projection?: Projection;
}

/**
 * One page of a keyset walk. Every sort field runs in the same direction and the last one is
 * unique (e.g. `_id`), so the sort-key values of a page's last document say exactly where the next
 * page starts, however documents are written in between.
 */
export interface PageOptions {
  sort: SortSpec;
  limit: number;
  /** The sort-key values (in sort order) of the last document of the previous page. */
  after?: (string | number | boolean | Date | null)[];
  /** The page stops growing once it holds this many bytes of documents; it always holds one. */
  maxBytes: number;
  projection?: Projection;
}

export type Page = {
  docs: Doc[];
  /** True when documents past this page exist. */
  more: boolean;
};

export interface UpdateOptions {
  upsert?: boolean;
}

export interface FindOneAndUpdateOptions extends UpdateOptions {
  sort?: SortSpec;
  projection?: Projection;
  /** "after" (default) returns the updated document, "before" the one matched. */
  returnDocument?: "before" | "after";
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId: string | null;
}

export interface DocumentStore {
  readonly kind: "embedded" | "mongo";
  /** Creates every declared collection and index; safe to call again. */
  ensureSchema(): Promise<void>;
  findOne(collection: string, filter: Filter, options?: FindOptions): Promise<Doc | null>;
  find(collection: string, filter: Filter, options?: FindOptions): Promise<Doc[]>;
  findPage(collection: string, filter: Filter, options: PageOptions): Promise<Page>;
  /** The distinct values of one field among the matching documents (scalars only). */
  distinct(collection: string, field: string, filter: Filter): Promise<(string | number | boolean | null)[]>;
  insertOne(collection: string, doc: object): Promise<Doc>;
  updateOne(collection: string, filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  findOneAndUpdate(collection: string, filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<Doc | null>;
  deleteOne(collection: string, filter: Filter): Promise<{ deletedCount: number }>;
  deleteMany(collection: string, filter: Filter): Promise<{ deletedCount: number }>;
  countDocuments(collection: string, filter: Filter): Promise<number>;
}

/** A committed write, in MongoDB change-stream shape (what the embedded store emits for watched collections). */
export interface DocChange {
  operationType: "insert" | "update" | "delete";
  documentKey: { _id: string };
  fullDocument?: Doc;
  fullDocumentBeforeChange?: Doc;
}

/** A unique index rejected a write. Both backends raise this one type. */
export class DuplicateKeyError extends Error {
  override readonly name = "DuplicateKeyError";
  constructor(
    readonly collection: string,
    readonly index: string,
    readonly key: Record<string, unknown> = {},
  ) {
    super(`Duplicate key in ${collection} for unique index ${index}`);
  }
}

/** The caller asked for something the store cannot do (unknown collection, bad operator). */
export class StoreUsageError extends Error {
  override readonly name = "StoreUsageError";
}
