// npm start: build the frontend when its sources changed, start the platform, print where it is.
import path from "node:path";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { startPlatform } from "./platform.mjs";
import { buildFrontendIfStale } from "./frontend-build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

const port = Number(process.env.PORT) || 8787;

/** Local sessions survive restarts: a random secret kept in .data/ unless one is configured. */
function localSessionSecret() {
  if (process.env.SECOND_NO_AUTH_SESSION_SECRET) return process.env.SECOND_NO_AUTH_SESSION_SECRET;
  const file = path.join(root, ".data", "session-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

buildFrontendIfStale();
console.log("Starting the Worker (wrangler dev) and the runner…");
const platform = await startPlatform({
  port,
  runnerPort: Number(process.env.RUNNER_PORT) || port + 3,
  persistTo: path.join(root, ".data", "wrangler"),
  env: {
    SECOND_NO_AUTH_SESSION_SECRET: localSessionSecret(),
    // `npm start -- --disable-telemetry` (or --no-analytics) turns product analytics off for this run.
    ...(process.argv.some((a) => a === "--disable-telemetry" || a === "--no-analytics") ? { SECOND_POSTHOG_DISABLED: "1" } : {}),
  },
  output: process.env.SECOND_VERBOSE ? (name, line) => console.log(`[${name}] ${line}`) : undefined,
});

const store = process.env.MONGODB_URI ? "MongoDB (MONGODB_URI)" : "embedded (SQLite in a Durable Object, kept in .data/)";
const model = process.env.ANTHROPIC_API_KEY ? "Anthropic API" : "demo model (offline)";
console.log(`
  Second is running: http://localhost:${port}

  store   ${store}
  model   ${model}
  auth    ${process.env.SECOND_AUTH_MODE === "external" ? "external (identity proxy JWT)" : "none (name + email; local use only)"}

  Ctrl-C stops everything.
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    await platform.stop();
    process.exit(0);
  });
}
