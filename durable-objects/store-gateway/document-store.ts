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
