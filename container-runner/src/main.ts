import { readFileSync } from "node:fs";
import { createRunnerServer } from "./server.ts";
import { log } from "./log.ts";
import { startRelayFromEnv } from "./relay/relay-main.ts";

const role = process.env.ROLE === "relay" ? "relay" : "runner";
const port = Number(process.env.PORT) || 8790;
// Locally the runner answers on loopback only; the container sets HOST=0.0.0.0.
const host = process.env.HOST || "127.0.0.1";
const version: string = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;

const server = createRunnerServer({
  role,
  version,
  publicKey: process.env.SECOND_CAPABILITY_PUBLIC_KEY || undefined,
  platformUrl: process.env.PLATFORM_URL || undefined,
  demoDelayMs: Number(process.env.DEMO_MODEL_DELAY_MS) || 15,
});
const relay = role === "relay" ? await startRelayFromEnv(process.env) : null;

server.listen(port, host, () => log("info", "listening", { role, host, port, version }));

function shutdown(signal: string) {
  log("info", "shutting down", { signal });
  relay?.stop();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
