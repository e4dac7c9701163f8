import { env } from "cloudflare:workers";
import { afterAll, describe, expect, it } from "vitest";
import { describeStoreContract } from "./store-contract.ts";
import { MongoStore } from "../../durable-objects/store-gateway/mongo-store.ts";

// The same contract against a real MongoDB, whenever TEST_MONGODB_URI (from MONGODB_URI) is set.
// CI machines cannot run a MongoDB server, so there it is skipped, and says so.
const uri = env.TEST_MONGODB_URI;
if (!uri) {
  console.warn("SKIPPED: DocumentStore contract on mongo — set MONGODB_URI (a replica set) to run it.");
}

describe.skipIf(!uri)("mongo backend", () => {
  let store: MongoStore | null = null;
  let ready: Promise<void> | null = null;
  const open = async () => {
    store ??= new MongoStore(uri!, `second_contract_${Date.now()}`);
    ready ??= store.ensureSchema();
    await ready;
    return store;
  };
  afterAll(() => store?.close());
  describeStoreContract("mongo", open);
});

describe("mongo driver in workerd", () => {
  it("loads from the pre-bundled driver and fails clearly when no server answers", async () => {
    const unreachable = new MongoStore("mongodb://127.0.0.1:1/second", "second", 300);
    await expect(unreachable.ensureSchema()).rejects.toThrow(/Server selection timed out|ECONNREFUSED|connect/i);
    await unreachable.close();
  });
});
