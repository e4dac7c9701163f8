import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { describeStoreContract } from "./store-contract.ts";
import { gatewayStore } from "./gateway-store.ts";
import { EmbeddedStore } from "../../durable-objects/store-gateway/embedded-store.ts";
import { catalog, indexName } from "../../platform/store/catalog.ts";

describeStoreContract("embedded (StoreGateway over RPC)", () => gatewayStore("contract-embedded"));

describe("embedded store indexes", () => {
  const stub = env.STORE_GATEWAY.getByName("index-probe");
  const inside = <T>(fn: (store: EmbeddedStore, sql: SqlStorage) => T) =>
    runInDurableObject(stub, (_instance, state) => fn(new EmbeddedStore(state.storage.sql), state.storage.sql));

  it("creates every declared index as a real SQLite index, idempotently", async () => {
    await stub.ensureSchema();
    const names = await inside(async (store, sql) => {
      await store.ensureSchema();
      return sql
        .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%'")
        .toArray()
        .map((r) => r.name);
    });
    const expected = Object.entries(catalog).flatMap(([collection, specs]) => specs.map((spec) => `ix_${collection}_${indexName(spec)}`));
    expect(names.sort()).toEqual(expected.sort());
  });

  it("answers a lookup by index key with an index search, not a scan", async () => {
    const plan = await inside((store) => store.explain("app_data", { workspaceId: "w1", appId: "a1", collection: "leads" }, { sort: { updatedAt: -1 }, limit: 50 }));
    expect(plan).toMatch(/SEARCH .* USING INDEX ix_app_data_workspaceId_1_appId_1_collection_1_updatedAt_-1/);
    expect(plan).not.toMatch(/USE TEMP B-TREE/);
    const byEmail = await inside((store) => store.explain("users", { emailNormalized: "a@b.c" }));
    expect(byEmail).toMatch(/SEARCH .* USING INDEX ix_users_emailNormalized_1/);
    const byId = await inside((store) => store.explain("apps", { _id: "x", workspaceId: "w" }));
    expect(byId).toMatch(/SEARCH .*(PRIMARY KEY|INDEX)/);
  });

  it("keeps multikey fields out of SQL equality so array membership still matches", async () => {
    const store = gatewayStore("multikey");
    await store.insertOne("apps", { workspaceId: "w", teamIds: ["t1", "t2"], publishStatus: "published" });
    await store.insertOne("apps", { workspaceId: "w", teamIds: ["t3"], publishStatus: "published" });
    const visible = await store.find("apps", { workspaceId: "w", teamIds: { $in: ["t2"] }, publishStatus: "published" });
    expect(visible).toHaveLength(1);
    expect(await store.countDocuments("apps", { workspaceId: "w", teamIds: "t3" })).toBe(1);
  });

  it("refuses an unknown collection and a replacement update clearly", async () => {
    const store = gatewayStore("usage");
    await expect(store.find("nope", {})).rejects.toThrow(/Unknown collection "nope"/);
    await expect(store.updateOne("apps", {}, { name: "x" })).rejects.toThrow(/update operators/);
  });
});
