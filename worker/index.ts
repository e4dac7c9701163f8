import { env } from "cloudflare:workers";
import { createApp } from "./app.ts";
import { assertStartupConfig } from "./startup-config.ts";

export { StoreGateway } from "../durable-objects/store-gateway/store-gateway.ts";
export { RunStream } from "../durable-objects/run-stream.ts";
export { Channel } from "../durable-objects/channel.ts";
export { AgentRunner } from "../durable-objects/agent-runner.ts";
export { ChangeRelay } from "../durable-objects/change-relay.ts";

// A misconfigured deployment fails at startup with the reason, not on the first sign-in.
assertStartupConfig(env);

export default createApp();
