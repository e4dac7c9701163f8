import { env } from "cloudflare:workers";
import { getContainer } from "@cloudflare/containers";
import { createApp } from "./app.ts";
import { assertStartupConfig } from "./startup-config.ts";
import type { Env } from "./env.ts";
import { log } from "./http/log.ts";

export { StoreGateway } from "../durable-objects/store-gateway/store-gateway.ts";
export { RunStream } from "../durable-objects/run-stream.ts";
export { Channel } from "../durable-objects/channel.ts";
export { AgentRunner } from "../durable-objects/agent-runner.ts";
export { ChangeRelay } from "../durable-objects/change-relay.ts";
export { RateLimiter } from "../durable-objects/rate-limiter.ts";

// A misconfigured deployment fails at startup with the reason, not on the first sign-in.
assertStartupConfig(env);

const app = createApp();

export default {
  fetch: app.fetch,
  /** Cron (wrangler.toml): with MongoDB, keep the change relay container running. */
  async scheduled(_controller: ScheduledController, workerEnv: Env): Promise<void> {
    if (!workerEnv.MONGODB_URI) return;
    const relay = getContainer(workerEnv.CHANGE_RELAY, "singleton");
    const response = await relay.fetch(new Request("http://relay/health"));
    log(response.ok ? "info" : "warn", "change relay health", { status: response.status });
  },
} satisfies ExportedHandler<Env>;
