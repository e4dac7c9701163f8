import { StoreUsageError } from "./document-store.ts";
import type { CollectionName } from "./catalog.ts";
import type { WriteOp } from "./write-batch.ts";

/**
 * Which embedded StoreGateway object holds a document (docs/decisions/0029-sharded-embedded-store.md).
 * The platform's own collections live in the one `embedded` object; a sharded collection lives in
 * one object per shard key, named from the key, so finding it needs no lookup. MongoDB is one
 * database and is never sharded here.
 */
export const CONTROL_GATEWAY = "embedded";

/** The shard key of each sharded collection: the fields every query of it must name with a plain value. */
const SHARD_KEYS: Partial<Record<CollectionName, readonly string[]>> = {
  // One object per app scope (published or draft): the unit of the live feed and of access checks.
  app_data: ["workspaceId", "appId"],
  // The contract suite's collection, sharded by tenant so the suite runs through the router too.
  contract_probe: ["tenant"],
};

export interface ShardRef {
  /** The gateway object's name. */
  name: string;
  collection: CollectionName;
  key: Record<string, string>;
}

/** The object holding a filter's (or a document's) documents, or null for an unsharded collection. */
export function shardOf(collection: CollectionName, fields: Record<string, unknown>): ShardRef | null {
  const keyFields = SHARD_KEYS[collection];
  if (!keyFields) return null;
  const key: Record<string, string> = {};
  for (const field of keyFields) {
    const value = fields[field];
    if (typeof value !== "string" || value.length === 0) {
      throw new StoreUsageError(`Every query and write of "${collection}" must name ${keyFields.join(" and ")} with a plain string (the store is sharded by them).`);
    }
    key[field] = value;
  }
  return { name: `${collection}:${keyFields.map((f) => encodeURIComponent(key[f]!)).join(":")}`, collection, key };
}

/** A sharded collection whose filter does not name one shard: reads go to every shard (scatter-read.ts), writes are refused. */
export function spansShards(collection: CollectionName, filter: Record<string, unknown>): boolean {
  const keyFields = SHARD_KEYS[collection];
  return keyFields?.some((field) => typeof filter[field] !== "string" || filter[field] === "") ?? false;
}

/** The fields a write names its documents by: the filter, or the inserted document. */
export function writeFields(write: WriteOp): Record<string, unknown> {
  return write.op === "insertOne" ? (write.doc as Record<string, unknown>) : write.filter;
}
