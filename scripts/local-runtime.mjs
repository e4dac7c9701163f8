// The Worker and its Durable Objects on this machine, in one workerd: the bundle `wrangler deploy`
// would upload, run by the Miniflare that wrangler ships, configured from wrangler.toml
// (docs/decisions/0034-local-runtime-and-write-path-costs.md). Started by scripts/platform.mjs as its own
// process (Node 22+); configured through the environment:
//   SECOND_LOCAL_PORT            where to listen (127.0.0.1)
//   SECOND_LOCAL_PERSIST         the state directory (wrangler dev's layout: <dir>/v3/...)
//   SECOND_LOCAL_VARS            the Worker's variables, a JSON object (over wrangler.toml's [vars])
//   SECOND_LOCAL_INSPECTOR_PORT  optional: a DevTools inspector for profiling (bench:profile)
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const wranglerDir = path.dirname(require.resolve("wrangler/package.json"));
// One directory per process: platforms started side by side (tests, the bench) never share a build.
const bundleDir = path.join(root, ".wrangler", "local-bundle", String(process.pid));

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** The production bundle (`wrangler deploy --dry-run`): the same build, polyfills and defines as a deploy. */
function bundle() {
  mkdirSync(bundleDir, { recursive: true });
  const result = spawnSync(process.execPath, [path.join(wranglerDir, "bin", "wrangler.js"), "deploy", "--dry-run", "--containers-rollout=none", "--outdir", bundleDir], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
  });
  if (result.status !== 0) fail(`Building the Worker failed:\n${result.stdout}\n${result.stderr}`);
  return path.join(bundleDir, "index.js");
}

const port = Number(process.env.SECOND_LOCAL_PORT);
if (!Number.isInteger(port) || port <= 0) fail("SECOND_LOCAL_PORT must be a port number.");
const persist = process.env.SECOND_LOCAL_PERSIST || path.join(root, ".wrangler", "state");
const vars = JSON.parse(process.env.SECOND_LOCAL_VARS || "{}");
const inspectorPort = Number(process.env.SECOND_LOCAL_INSPECTOR_PORT) || undefined;

const script = bundle();
// Miniflare from wrangler's own dependencies, so the runtime is the one wrangler would have started.
const { Miniflare, convertV4MiniflareOptions } = await import(pathToFileURL(createRequire(path.join(wranglerDir, "package.json")).resolve("miniflare")).href);
const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
// Containers are off locally (no Docker): the runner is a Node process (scripts/platform.mjs).
const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(root, "wrangler.toml"), undefined, { overrides: { enableContainers: false } });
// The bundle is already built: module rules and the source root are wrangler's build inputs, not the runtime's.
const { modulesRules: _rules, rootPath: _root, containers: _containers, ...options } = workerOptions;

const print = (level, message) => (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${message}\n`);
const runtime = new Miniflare(
  convertV4MiniflareOptions({
    host: "127.0.0.1",
    port,
    ...(inspectorPort ? { inspectorPort } : {}),
    // wrangler dev's request lines cost a loopback call per request; the Worker logs what matters.
    logRequests: false,
    defaultPersistRoot: path.join(persist, "v3"),
    handleStructuredLogs: ({ level, message }) => print(level, message),
    workers: [
      {
        ...options,
        name: "second",
        modules: [{ type: "ESModule", path: script }],
        modulesRoot: bundleDir,
        bindings: { ...options.bindings, ...vars },
      },
    ],
  }),
);
const url = await runtime.ready;
console.log(`Worker ready on ${url}`);

// The build is this process's alone: gone with it, however it ends (workerd may already be gone too).
process.on("exit", () => rmSync(bundleDir, { recursive: true, force: true }));
const stop = () => runtime.dispose().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
