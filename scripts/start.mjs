// npm start: build the frontend when its sources changed, start the platform, print where it is.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPlatform } from "./platform.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function buildFrontendIfStale() {
  const built = path.join(root, "frontend", "dist", "index.html");
  const sources = Math.max(newestMtime(path.join(root, "frontend")), newestMtime(path.join(root, "shared")));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log("Building the frontend…");
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "-s", "build:frontend"], { cwd: root, stdio: "inherit" });
}

const port = Number(process.env.PORT) || 8787;
buildFrontendIfStale();
console.log("Starting the Worker (wrangler dev) and the runner…");
const platform = await startPlatform({
  port,
  runnerPort: Number(process.env.RUNNER_PORT) || port + 3,
  persistTo: path.join(root, ".data", "wrangler"),
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
