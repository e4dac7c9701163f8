import { MongoClient } from "mongodb";
import type { OpenChangeStream, TokenStore, MongoChangeEvent, ResumeToken } from "./change-relay.ts";

const RELAY_STATE_ID = "app_data_relay";

/**
 * The relay's MongoDB side: one change stream on app_data (server-side filtered to data changes,
 * with pre-images so a delete still names its scope) and the resume token in relay_state.
 */
export async function connectMongoRelay(uri: string, dbName?: string) {
  const client = await new MongoClient(uri).connect();
  const db = client.db(dbName);
  // Pre-images let a delete event carry the workspace and app of the deleted document.
  const exists = await db.listCollections({ name: "app_data" }, { nameOnly: true }).hasNext();
  if (exists) await db.command({ collMod: "app_data", changeStreamPreAndPostImages: { enabled: true } });
  else await db.createCollection("app_data", { changeStreamPreAndPostImages: { enabled: true } });

  const open: OpenChangeStream = (resumeAfter) => {
    const stream = db
      .collection("app_data")
      .watch<Record<string, unknown>, MongoChangeEvent & Record<string, unknown>>([{ $match: { operationType: { $in: ["insert", "update", "replace", "delete"] } } }], {
        fullDocument: "updateLookup",
        fullDocumentBeforeChange: "whenAvailable",
        ...(resumeAfter ? { resumeAfter } : {}),
      });
    return Object.assign(stream, { close: () => stream.close() });
  };

  const relayState = db.collection<{ _id: string; resumeToken: ResumeToken; savedAt: Date }>("relay_state");
  const tokens: TokenStore = {
    load: async () => (await relayState.findOne({ _id: RELAY_STATE_ID }))?.resumeToken ?? null,
    save: async (token) => {
      await relayState.updateOne({ _id: RELAY_STATE_ID }, { $set: { resumeToken: token, savedAt: new Date() } }, { upsert: true });
    },
  };
  return { open, tokens, close: () => client.close() };
}
