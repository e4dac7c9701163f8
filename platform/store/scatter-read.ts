import { Query } from "mingo";
import type { Env } from "../env.ts";
import type { CollectionName } from "./catalog.ts";
import type { Doc, Filter, FindOptions } from "./document-store.ts";
import { project } from "./projection.ts";
import { CONTROL_GATEWAY } from "./shards.ts";
import { unwrap } from "./store-result.ts";

/**
 * Reads of a sharded collection that do not name one shard (docs/decisions/0029-sharded-embedded-store.md):
 * every data object the catalog lists for the collection (only the filter's workspace's, when it
 * names one) answers, and the answers are merged here with MongoDB semantics. Routes always name
 * their shard; these serve whole-workspace reads and the contract suite.
 */
async function shardsOf(env: Env, collection: CollectionName, filter: Filter) {
  const workspaceId = typeof filter.workspaceId === "string" ? filter.workspaceId : null;
  const names = await env.STORE_GATEWAY.getByName(CONTROL_GATEWAY).listShards(collection, workspaceId);
  return names.map((name) => env.STORE_GATEWAY.getByName(name));
}

export async function scatterFind(env: Env, collection: CollectionName, filter: Filter, options: FindOptions = {}): Promise<Doc[]> {
  const { skip = 0, limit, sort, projection } = options;
  const perShard: FindOptions = { ...(sort ? { sort } : {}), ...(limit ? { limit: skip + limit } : {}) };
  const answers = await Promise.all((await shardsOf(env, collection, filter)).map(async (shard) => unwrap(await shard.find(collection, filter, perShard)) as Doc[]));
  let cursor = new Query({}, {}).find<Doc>(answers.flat());
  if (sort && Object.keys(sort).length) cursor = cursor.sort(sort);
  if (skip) cursor = cursor.skip(skip);
  if (limit && limit > 0) cursor = cursor.limit(limit);
  return project(cursor.all(), projection);
}

export async function scatterCount(env: Env, collection: CollectionName, filter: Filter): Promise<number> {
  const counts = await Promise.all((await shardsOf(env, collection, filter)).map(async (shard) => unwrap(await shard.countDocuments(collection, filter))));
  return counts.reduce((sum, n) => sum + n, 0);
}

export async function scatterDistinct(env: Env, collection: CollectionName, field: string, filter: Filter): Promise<(string | number | boolean | null)[]> {
  const values = await Promise.all((await shardsOf(env, collection, filter)).map(async (shard) => unwrap(await shard.distinct(collection, field, filter))));
  return [...new Set(values.flat())];
}
