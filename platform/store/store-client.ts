import type { Env } from "../env.ts";
import { isCollectionName, type CollectionName } from "./catalog.ts";
import {
  DuplicateKeyError,
  StoreUsageError,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type Page,
  type PageOptions,
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from "./document-store.ts";
import type { StoreResult } from "./store-result.ts";
import { CONTROL_GATEWAY, shardOf, spansShards, writeFields } from "./shards.ts";
import { scatterCount, scatterDistinct, scatterFind } from "./scatter-read.ts";
import type { BatchOutcome, TypedWrite, WriteBatch } from "./write-batch.ts";
import { bumpAccessVersion } from "./access-cache.ts";
import { ensureShard } from "./shard-registry.ts";
import { unwrap } from "./store-result.ts";

export { DuplicateKeyError, StoreUsageError, unwrap };

/** Mongo mode spreads load over a few stateless gateway instances; embedded data lives in its gateway objects. */
const MONGO_GATEWAYS = 4;

const mongoGateway = () => `mongo-${Math.floor(Math.random() * MONGO_GATEWAYS)}`;

/** The gateway object that holds these documents (docs/decisions/0029-sharded-embedded-store.md). */
async function gatewayFor(env: Env, collection: CollectionName, fields: Record<string, unknown>) {
  if (env.MONGODB_URI) return env.STORE_GATEWAY.getByName(mongoGateway());
  const shard = shardOf(collection, fields);
  if (!shard) return env.STORE_GATEWAY.getByName(CONTROL_GATEWAY);
  await ensureShard(env, shard);
  return env.STORE_GATEWAY.getByName(shard.name);
}

/** A typed view of one collection. Repositories hold these; routes never touch the gateway. */
export class CollectionClient<T extends { _id: string }> {
  constructor(
    private readonly env: Env,
    readonly name: CollectionName,
  ) {}

  private gateway(fields: Record<string, unknown>) {
    return gatewayFor(this.env, this.name, fields);
  }

  /** A write that also drops this isolate's cached copies of the collection, whatever its outcome. */
  private async write<R>(fields: Record<string, unknown>, call: (gateway: Awaited<ReturnType<typeof gatewayFor>>) => Promise<StoreResult<R>>): Promise<R> {
    bumpAccessVersion(this.name);
    try {
      return unwrap(await call(await this.gateway(fields)));
    } finally {
      bumpAccessVersion(this.name);
    }
  }

  /** A sharded collection read without its shard key: every shard answers (scatter-read.ts). */
  private scatters(filter: Filter): boolean {
    return !this.env.MONGODB_URI && spansShards(this.name, filter);
  }

  async findOne(filter: Filter, options?: FindOptions): Promise<T | null> {
    if (this.scatters(filter)) return ((await scatterFind(this.env, this.name, filter, { ...options, limit: 1 }))[0] as T | undefined) ?? null;
    return unwrap(await (await this.gateway(filter)).findOne(this.name, filter, options)) as T | null;
  }
  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    if (this.scatters(filter)) return (await scatterFind(this.env, this.name, filter, options)) as T[];
    return unwrap(await (await this.gateway(filter)).find(this.name, filter, options)) as T[];
  }
  async findPage(filter: Filter, options: PageOptions): Promise<{ docs: T[]; more: boolean }> {
    const page = unwrap(await (await this.gateway(filter)).findPage(this.name, filter, options)) as Page;
    return { docs: page.docs as T[], more: page.more };
  }
  async distinct(field: string, filter: Filter): Promise<(string | number | boolean | null)[]> {
    if (this.scatters(filter)) return scatterDistinct(this.env, this.name, field, filter);
    return unwrap(await (await this.gateway(filter)).distinct(this.name, field, filter));
  }
  async countDocuments(filter: Filter): Promise<number> {
    if (this.scatters(filter)) return scatterCount(this.env, this.name, filter);
    return unwrap(await (await this.gateway(filter)).countDocuments(this.name, filter));
  }
  async insertOne(doc: Omit<T, "_id"> & { _id?: string }): Promise<T> {
    return (await this.write(doc, (g) => g.insertOne(this.name, doc))) as T;
  }
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult> {
    return this.write(filter, (g) => g.updateOne(this.name, filter, update, options));
  }
  async findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null> {
    return (await this.write(filter, (g) => g.findOneAndUpdate(this.name, filter, update, options))) as T | null;
  }
  deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return this.write(filter, (g) => g.deleteOne(this.name, filter));
  }
  deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return this.write(filter, (g) => g.deleteMany(this.name, filter));
  }

  /** The same writes as data, for a batch (services/record-change.ts); nothing runs until it is committed. */
  readonly op = {
    insertOne: (doc: Omit<T, "_id"> & { _id?: string }): TypedWrite<T> => ({ collection: this.name, op: "insertOne", doc }),
    updateOne: (filter: Filter, update: Update, options?: UpdateOptions): TypedWrite<UpdateResult> => ({
      collection: this.name,
      op: "updateOne",
      filter,
      update,
      ...(options ? { options } : {}),
    }),
    findOneAndUpdate: (filter: Filter, update: Update, options?: FindOneAndUpdateOptions): TypedWrite<T | null> => ({
      collection: this.name,
      op: "findOneAndUpdate",
      filter,
      update,
      ...(options ? { options } : {}),
    }),
    deleteOne: (filter: Filter): TypedWrite<{ deletedCount: number }> => ({ collection: this.name, op: "deleteOne", filter }),
    deleteMany: (filter: Filter): TypedWrite<{ deletedCount: number }> => ({ collection: this.name, op: "deleteMany", filter }),
  };

  /** Runs one write built by `op` on its own, as the single-write method would. */
  async apply<R>(write: TypedWrite<R>): Promise<R> {
    const answer = await (async () => {
      switch (write.op) {
        case "insertOne":
          return this.write(write.doc as Record<string, unknown>, (g) => g.insertOne(this.name, write.doc));
        case "updateOne":
          return this.updateOne(write.filter, write.update, write.options);
        case "findOneAndUpdate":
          return this.write(write.filter, (g) => g.findOneAndUpdate(this.name, write.filter, write.update, write.options));
        case "deleteOne":
          return this.deleteOne(write.filter);
        case "deleteMany":
          return this.deleteMany(write.filter);
      }
    })();
    return answer as R;
  }
}

/**
 * Commits writes and announcements in one gateway call (see StoreGateway.commit for what is atomic
 * on which backend). Every write of a batch must live in the same gateway object.
 */
export async function commitBatch(env: Env, batch: WriteBatch): Promise<BatchOutcome> {
  const names = batch.writes.map((write) => write.collection).filter(isCollectionName);
  if (names.length !== batch.writes.length) throw new StoreUsageError("A batch names an unknown collection.");
  const targets = new Set(batch.writes.map((write, i) => shardOf(names[i]!, writeFields(write))?.name ?? CONTROL_GATEWAY));
  if (targets.size > 1) throw new StoreUsageError(`A batch must write to one store object; this one spans ${[...targets].join(", ")}.`);
  const first = batch.writes[0];
  const gateway = first ? await gatewayFor(env, names[0]!, writeFields(first)) : env.STORE_GATEWAY.getByName(env.MONGODB_URI ? mongoGateway() : CONTROL_GATEWAY);
  for (const name of names) bumpAccessVersion(name);
  try {
    return unwrap(await gateway.commit(batch)) as BatchOutcome;
  } finally {
    for (const name of names) bumpAccessVersion(name);
  }
}

/** Queues events for a channel through the gateway's outbox (delivered and retried there). */
export function announce(env: Env, channel: string, events: unknown[]): Promise<void> {
  return env.STORE_GATEWAY.getByName(env.MONGODB_URI ? mongoGateway() : CONTROL_GATEWAY).announce(channel, events);
}

export function storeKind(env: Env): "embedded" | "mongo" {
  return env.MONGODB_URI ? "mongo" : "embedded";
}
