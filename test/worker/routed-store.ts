import { env } from "cloudflare:workers";
import type { Doc, DocumentStore } from "../../platform/store/document-store.ts";
import { isCollectionName } from "../../platform/store/catalog.ts";
import { CollectionClient, StoreUsageError } from "../../platform/store/store-client.ts";

const client = (name: string) => {
  if (!isCollectionName(name)) throw new StoreUsageError(`Unknown collection "${name}"`);
  return new CollectionClient<Doc>(env, name);
};

/** The Worker's own store access (CollectionClient), which routes sharded collections to their data objects. */
export function routedStore(): DocumentStore {
  return {
    kind: "embedded",
    ensureSchema: async () => {},
    findOne: (c, f, o) => client(c).findOne(f, o),
    find: (c, f, o) => client(c).find(f, o),
    findPage: (c, f, o) => client(c).findPage(f, o),
    distinct: (c, field, f) => client(c).distinct(field, f),
    countDocuments: (c, f) => client(c).countDocuments(f),
    insertOne: (c, d) => client(c).insertOne(d as Doc),
    updateOne: (c, f, u, o) => client(c).updateOne(f, u, o),
    findOneAndUpdate: (c, f, u, o) => client(c).findOneAndUpdate(f, u, o),
    deleteOne: (c, f) => client(c).deleteOne(f),
    deleteMany: (c, f) => client(c).deleteMany(f),
  };
}
