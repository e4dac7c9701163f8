import { env } from "cloudflare:workers";
import { getContainer } from "@cloudflare/containers";
import { createApp } from "./app.ts";
import { assertStartupConfig } from "./startup-config.ts";
import type { Env } from "../platform/env.ts";
import { log } from "../platform/log.ts";

export { StoreGateway } from "../durable-objects/store-gateway/store-gateway.ts";
import { RunStream as RunStreamObject } from "../durable-objects/run-stream.ts";
import { AgentScheduler as AgentSchedulerObject } from "../durable-objects/agent-scheduler.ts";
import { runPersistence, scheduledRuns } from "./services/durable-object-ports.ts";
export { Channel } from "../durable-objects/channel.ts";
export { AgentRunner } from "../durable-objects/agent-runner.ts";
export { ChangeRelay } from "../durable-objects/change-relay.ts";
export { RateLimiter } from "../durable-objects/rate-limiter.ts";
export { AgentRunStream } from "../durable-objects/agent-run-stream.ts";

/*
 * The composition root: the only Worker module that imports durable-objects/. It exports the object
 * classes and gives two of them what they need of the Worker's services, through the interfaces in
 * platform/ports/ (docs/decisions/0027).
 */
export class RunStream extends RunStreamObject {
  protected persistence() {
    return runPersistence(this.env);
  }
}

export class AgentScheduler extends AgentSchedulerObject {
  protected runs() {
    return scheduledRuns(this.env);
  }
}

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
