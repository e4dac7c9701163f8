import { env } from "cloudflare:workers";
import type { DocumentStore } from "../../platform/store/document-store.ts";
import { unwrap } from "../../platform/store/store-client.ts";

/** A DocumentStore that goes through a StoreGateway instance over RPC, as the Worker does. */
export function gatewayStore(name: string): DocumentStore {
  const stub = env.STORE_GATEWAY.getByName(name);
  return {
    kind: "embedded",
    ensureSchema: () => stub.ensureSchema(),
    findOne: async (c, f, o) => unwrap(await stub.findOne(c, f, o)),
    find: async (c, f, o) => unwrap(await stub.find(c, f, o)),
    findPage: async (c, f, o) => unwrap(await stub.findPage(c, f, o)),
    distinct: async (c, field, f) => unwrap(await stub.distinct(c, field, f)),
    countDocuments: async (c, f) => unwrap(await stub.countDocuments(c, f)),
    insertOne: async (c, d) => unwrap(await stub.insertOne(c, d)),
    updateOne: async (c, f, u, o) => unwrap(await stub.updateOne(c, f, u, o)),
    findOneAndUpdate: async (c, f, u, o) => unwrap(await stub.findOneAndUpdate(c, f, u, o)),
    deleteOne: async (c, f) => unwrap(await stub.deleteOne(c, f)),
    deleteMany: async (c, f) => unwrap(await stub.deleteMany(c, f)),
  };
}
