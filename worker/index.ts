import { createApp } from "./app.ts";

export { StoreGateway } from "../durable-objects/store-gateway/store-gateway.ts";
export { RunStream } from "../durable-objects/run-stream.ts";
export { Channel } from "../durable-objects/channel.ts";
export { AgentRunner } from "../durable-objects/agent-runner.ts";
export { ChangeRelay } from "../durable-objects/change-relay.ts";

export default createApp();
