import type { Env } from "../env.ts";
import type { Doc } from "./document-store.ts";
import { unwrap } from "./store-result.ts";
import { CONTROL_GATEWAY, type ShardRef } from "./shards.ts";

const ADOPT_PAGE = 200;
/** Shards this isolate has already seen registered (and filled with their documents from before sharding). */
const known = new Map<string, Promise<void>>();

/**
 * Before an isolate first touches a data object: the catalog in the control object records it, and
 * documents of its key that were written before the store was sharded move into it, a page at a
 * time (copy, then delete the originals: a retry after a crash copies nothing twice).
 */
export function ensureShard(env: Env, shard: ShardRef): Promise<void> {
  let ready = known.get(shard.name);
  if (!ready) {
    ready = register(env, shard).catch((error: unknown) => {
      known.delete(shard.name);
      throw error;
    });
    known.set(shard.name, ready);
  }
  return ready;
}

async function register(env: Env, shard: ShardRef): Promise<void> {
  const control = env.STORE_GATEWAY.getByName(CONTROL_GATEWAY);
  if (await control.registerShard(shard)) return;
  const target = env.STORE_GATEWAY.getByName(shard.name);
  for (;;) {
    const docs = unwrap(await control.legacyDocs(shard, ADOPT_PAGE)) as Doc[];
    if (docs.length === 0) break;
    await target.adopt(shard.collection, docs);
    await control.dropLegacyDocs(
      shard,
      docs.map((doc) => doc._id),
    );
  }
  await control.markShardAdopted(shard);
}
