import { readFileSync } from "node:fs";
import { createRunnerServer } from "./server.ts";
import { log } from "./log.ts";
import { startRelayFromEnv } from "./relay/relay-main.ts";

const role = process.env.ROLE === "relay" ? "relay" : "runner";
const port = Number(process.env.PORT) || 8790;
const version: string = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;

const server = createRunnerServer({
  role,
  version,
  internalToken: process.env.INTERNAL_API_TOKEN || undefined,
  ownUrl: `http://127.0.0.1:${port}`,
  demoDelayMs: Number(process.env.DEMO_MODEL_DELAY_MS) || 15,
});
const relay = role === "relay" ? await startRelayFromEnv(process.env) : null;

server.listen(port, "0.0.0.0", () => log("info", "listening", { role, port, version }));

function shutdown(signal: string) {
  log("info", "shutting down", { signal });
  relay?.stop();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
