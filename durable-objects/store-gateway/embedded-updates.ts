/* MongoDB update semantics for the embedded store (mingo), and SQLite errors mapped back to the store's. */
import { update as applyOperators } from "mingo";
import { catalog, indexName, type CollectionName, type IndexSpec } from "../../platform/store/catalog.ts";
import { DuplicateKeyError, StoreUsageError, type Filter, type Update } from "../../platform/store/document-store.ts";

/** Builds the document an upsert inserts: the filter's equality fields, then the update applied. */
export function seedFromFilter(filter: Filter): Record<string, unknown> {
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

export function assertOperators(update: Update): void {
  const keys = Object.keys(update);
  if (keys.length === 0 || keys.some((k) => !k.startsWith("$"))) {
    throw new StoreUsageError("An update must use update operators such as $set; whole-document replacement is not supported.");
  }
}

/** Applies MongoDB update operators in place; `$setOnInsert` only counts when inserting. */
export function applyUpdate(doc: Record<string, unknown>, update: Update, inserting: boolean): boolean {
  const { $setOnInsert, ...operators } = update as Record<string, Record<string, unknown> | undefined>;
  if (inserting && $setOnInsert) operators.$set = { ...$setOnInsert, ...operators.$set };
  if (Object.keys(operators).length === 0) return inserting;
  const before = doc._id;
  const changed = applyOperators(doc, operators, undefined, undefined, { cloneMode: "deep" });
  if (doc._id !== before) throw new StoreUsageError("The _id of a document cannot be changed.");
  return changed.length > 0 || inserting;
}

/** SQLite's unique-constraint message names the index; map it back to the catalog's name. */
export function duplicateKeyFrom(error: unknown, collection: CollectionName, doc: Record<string, unknown>): DuplicateKeyError | null {
  const message = error instanceof Error ? error.message : String(error);
  const match = /UNIQUE constraint failed: (?:index '([^']+)'|(\S+))/.exec(message);
  if (!match) return null;
  const prefix = `ix_${collection}_`;
  const name = match[1]?.startsWith(prefix) ? match[1].slice(prefix.length) : "_id_";
  const spec = (catalog[collection] as IndexSpec[]).find((s) => indexName(s) === name);
  const key = spec ? Object.fromEntries(Object.keys(spec.keys).map((f) => [f, doc[f]])) : { _id: doc._id };
  return new DuplicateKeyError(collection, name, key);
}
