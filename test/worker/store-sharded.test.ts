import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { describeStoreContract } from "./store-contract.ts";
import { routedStore } from "./routed-store.ts";
import { CONTROL_GATEWAY, shardOf } from "../../platform/store/shards.ts";
import { AppDataRepository } from "../../platform/repositories/app-data.ts";

// contract_probe is sharded by tenant, so every case of the suite runs in data objects of its own.
describeStoreContract("embedded, sharded (the Worker's router over one data object per shard key)", () => routedStore());

const rowsIn = (name: string, table: string, where: string, ...params: string[]) =>
  runInDurableObject(env.STORE_GATEWAY.getByName(name), (_instance, state) =>
    // Tables are created on first use: an object that never held the collection has none.
    state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?", `c_${table}`).one().n === 0
      ? []
      : state.storage.sql
          .exec<{ id: string }>(`SELECT id FROM "c_${table}" WHERE ${where}`, ...params)
          .toArray()
          .map((row) => row.id),
  );

describe("sharded embedded store", () => {
  it("keeps each app scope's documents in that scope's object, and none in the control object", async () => {
    const repo = new AppDataRepository(env);
    const a = { workspaceId: "w-shard", scopedAppId: `app-a-${Date.now()}` };
    const b = { workspaceId: "w-shard", scopedAppId: `app-b-${Date.now()}` };
    const docA = await repo.insert(a, "leads", { n: 1 });
    const docB = await repo.insert(b, "leads", { n: 2 });
    const shardA = shardOf("app_data", { workspaceId: a.workspaceId, appId: a.scopedAppId })!.name;
    const shardB = shardOf("app_data", { workspaceId: b.workspaceId, appId: b.scopedAppId })!.name;
    expect(await rowsIn(shardA, "app_data", "1")).toEqual([docA._id]);
    expect(await rowsIn(shardB, "app_data", "1")).toEqual([docB._id]);
    expect(await rowsIn(CONTROL_GATEWAY, "app_data", "id IN (?, ?)", docA._id, docB._id)).toEqual([]);
    // The catalog lists both, so a whole-workspace read finds both.
    expect(await rowsIn(CONTROL_GATEWAY, "data_shards", "id IN (?, ?)", shardA, shardB)).toHaveLength(2);
    const everything = await routedStore().find("app_data", { workspaceId: "w-shard", collection: "leads", _id: { $in: [docA._id, docB._id] } }, { sort: { _id: 1 } });
    expect(everything.map((doc) => doc._id)).toEqual([docA._id, docB._id].sort());
  });

  it("refuses a write that does not name its shard", async () => {
    await expect(routedStore().deleteMany("app_data", { workspaceId: "w-shard" })).rejects.toThrow(/sharded by them/);
  });

  it("moves a scope's documents written before sharding into its object, once, announcing nothing", async () => {
    const scope = { workspaceId: "w-legacy", scopedAppId: `app-legacy-${Date.now()}` };
    const legacy = Array.from({ length: 450 }, (_, i) => ({
      _id: `old-${i}`,
      workspaceId: scope.workspaceId,
      appId: scope.scopedAppId,
      collection: "leads",
      data: { i },
      createdAt: new Date(),
      updatedAt: new Date(),
    }));
    await env.STORE_GATEWAY.getByName(CONTROL_GATEWAY).adopt("app_data", legacy);
    const page = await new AppDataRepository(env).page(scope, "leads", 1000);
    expect(page.docs).toHaveLength(450);
    expect(await rowsIn(CONTROL_GATEWAY, "app_data", "json_extract(doc, '$.appId') = ?", scope.scopedAppId)).toEqual([]);
    const shard = shardOf("app_data", { workspaceId: scope.workspaceId, appId: scope.scopedAppId })!.name;
    const outbox = await runInDurableObject(
      env.STORE_GATEWAY.getByName(shard),
      (_instance, state) => state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM _outbox").one().n,
    );
    expect(outbox).toBe(0);
  });
});
