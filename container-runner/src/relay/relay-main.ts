import { ChangeRelay } from "./change-relay.ts";
import { connectMongoRelay } from "./mongo-source.ts";
import { platformPoster } from "./platform-poster.ts";
import { log } from "../log.ts";

/**
 * ROLE=relay: tail MongoDB's app_data change stream and post it to the platform. Needs MONGODB_URI
 * (a replica set), PLATFORM_URL and SECOND_RELAY_TOKEN (its own credential); refuses to start without them.
 */
export async function startRelayFromEnv(env: NodeJS.ProcessEnv): Promise<{ stop(): void }> {
  const missing = ["MONGODB_URI", "PLATFORM_URL", "SECOND_RELAY_TOKEN"].filter((name) => !env[name]);
  if (missing.length) throw new Error(`The change relay needs ${missing.join(", ")}.`);
  const mongo = await connectMongoRelay(env.MONGODB_URI!, env.MONGODB_DB);
  const controller = new AbortController();
  const relay = new ChangeRelay(mongo.open, mongo.tokens, platformPoster(env.PLATFORM_URL!, env.SECOND_RELAY_TOKEN!), {
    log: (msg, fields) => log("warn", msg, fields),
  });
  const running = relay.run(controller.signal).finally(() => mongo.close());
  log("info", "change relay started");
  return {
    stop: () => {
      controller.abort();
      void running;
    },
  };
}
