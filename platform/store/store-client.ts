import type { Env } from "../env.ts";
import type { CollectionName } from "./catalog.ts";
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

export { DuplicateKeyError, StoreUsageError };

/** Mongo mode spreads load over a few stateless gateway instances; embedded data lives in exactly one. */
const MONGO_GATEWAYS = 4;

function gatewayName(env: Env): string {
  return env.MONGODB_URI ? `mongo-${Math.floor(Math.random() * MONGO_GATEWAYS)}` : "embedded";
}

export function unwrap<T>(result: StoreResult<T>): T {
  if (result.ok) return result.value;
  const { error } = result;
  if (error.kind === "duplicate_key") throw new DuplicateKeyError(error.collection, error.index, error.key);
  throw new StoreUsageError(error.message);
}

/** A typed view of one collection. Repositories hold these; routes never touch the gateway. */
export class CollectionClient<T extends { _id: string }> {
  constructor(
    private readonly env: Env,
    readonly name: CollectionName,
  ) {}

  private get gateway() {
    return this.env.STORE_GATEWAY.getByName(gatewayName(this.env));
  }

  async findOne(filter: Filter, options?: FindOptions): Promise<T | null> {
    return unwrap(await this.gateway.findOne(this.name, filter, options)) as T | null;
  }
  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    return unwrap(await this.gateway.find(this.name, filter, options)) as T[];
  }
  async findPage(filter: Filter, options: PageOptions): Promise<{ docs: T[]; more: boolean }> {
    const page = unwrap(await this.gateway.findPage(this.name, filter, options)) as Page;
    return { docs: page.docs as T[], more: page.more };
  }
  async distinct(field: string, filter: Filter): Promise<(string | number | boolean | null)[]> {
    return unwrap(await this.gateway.distinct(this.name, field, filter));
  }
  async countDocuments(filter: Filter): Promise<number> {
    return unwrap(await this.gateway.countDocuments(this.name, filter));
  }
  async insertOne(doc: Omit<T, "_id"> & { _id?: string }): Promise<T> {
    return unwrap(await this.gateway.insertOne(this.name, doc)) as T;
  }
  async updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult> {
    return unwrap(await this.gateway.updateOne(this.name, filter, update, options));
  }
  async findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null> {
    return unwrap(await this.gateway.findOneAndUpdate(this.name, filter, update, options)) as T | null;
  }
  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return unwrap(await this.gateway.deleteOne(this.name, filter));
  }
  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return unwrap(await this.gateway.deleteMany(this.name, filter));
  }
}

/** Queues events for a channel through the gateway's outbox (delivered and retried there). */
export function announce(env: Env, channel: string, events: unknown[]): Promise<void> {
  return env.STORE_GATEWAY.getByName(gatewayName(env)).announce(channel, events);
}

export function storeKind(env: Env): "embedded" | "mongo" {
  return env.MONGODB_URI ? "mongo" : "embedded";
}
