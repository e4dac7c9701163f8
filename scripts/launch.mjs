// The local platform as a person starts it: `npm start` in a checkout, or `npx second-on-the-edge`
// (bin/second.mjs). Parses the flags, keeps the session secret and the data in the data directory,
// starts the platform, prints where it is and stops everything on Ctrl-C.
import path from "node:path";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { startPlatform } from "./platform.mjs";

export const USAGE = `Usage: npx second-on-the-edge [options]   (in a checkout: npm start -- [options])

  --port <n>            port of the platform (default 8787, or PORT)
  --data-dir <dir>      where the data and the session secret are kept (npx: ~/.second)
  --disable-telemetry   send no product analytics (also --no-analytics)
  --no-open             do not open the browser
  --help                this text
`;

/** The launcher's flags; a bad one is an error the person reads, never ignored. */
export function parseArgs(argv, defaults) {
  const options = { port: defaults.port, dataDir: defaults.dataDir, telemetry: true, open: defaults.open, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next.startsWith("--")) throw new Error(`${flag} needs a value.`);
      return next;
    };
    if (flag === "--port") {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error("--port must be a whole number from 1 to 65535.");
      options.port = port;
    } else if (flag === "--data-dir") options.dataDir = path.resolve(value());
    else if (flag === "--disable-telemetry" || flag === "--no-analytics") options.telemetry = false;
    else if (flag === "--no-open") options.open = false;
    else if (flag === "--open") options.open = true;
    else if (flag === "--help" || flag === "-h") options.help = true;
    else throw new Error(`Unknown option ${arg}.`);
  }
  return options;
}

/** The flags of this process, or the usage text and an exit (2 for a bad flag, 0 for --help). */
export function optionsOrExit(defaults) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), defaults);
  } catch (error) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return options;
}

/** Local sessions survive restarts: a random secret kept in the data directory unless one is configured. */
function sessionSecret(dataDir) {
  if (process.env.SECOND_NO_AUTH_SESSION_SECRET) return process.env.SECOND_NO_AUTH_SESSION_SECRET;
  const file = path.join(dataDir, "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** Integration secrets stay readable across restarts: a random AES key kept next to the session secret. */
function tokenEncryptionKey(dataDir) {
  if (process.env.SECOND_TOKEN_ENCRYPTION_KEY) return process.env.SECOND_TOKEN_ENCRYPTION_KEY;
  const file = path.join(dataDir, "token-encryption-key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function openBrowser(url) {
  const command = process.platform === "darwin" ? "open" : process.platform === "win32" ? "cmd" : "xdg-open";
  const args = process.platform === "win32" ? ["/c", "start", "", url] : [url];
  const child = spawn(command, args, { stdio: "ignore", detached: true });
  child.on("error", () => console.log(`  (Could not open a browser: open ${url} yourself.)`));
  child.unref();
}

/**
 * @param {{ port: number, dataDir: string, telemetry: boolean, open: boolean }} options
 * @param {{ launcher?: { name: string, version: string } }} [context]
 */
export async function launch(options, context = {}) {
  mkdirSync(options.dataDir, { recursive: true });
  console.log("Starting the Worker (workerd, through Miniflare) and the runner…");
  const platform = await startPlatform({
    port: options.port,
    runnerPort: Number(process.env.RUNNER_PORT) || options.port + 3,
    persistTo: path.join(options.dataDir, "wrangler"),
    env: {
      SECOND_NO_AUTH_SESSION_SECRET: sessionSecret(options.dataDir),
      SECOND_TOKEN_ENCRYPTION_KEY: tokenEncryptionKey(options.dataDir),
      ...(options.telemetry ? {} : { SECOND_TELEMETRY_DISABLED: "1" }),
      ...(context.launcher ? { SECOND_CLI_LAUNCHER_PACKAGE: context.launcher.name, SECOND_CLI_LAUNCHER_VERSION: context.launcher.version } : {}),
    },
    output: process.env.SECOND_VERBOSE ? (name, line) => console.log(`[${name}] ${line}`) : undefined,
  });
  const url = `http://localhost:${options.port}`;
  const store = process.env.MONGODB_URI ? "MongoDB (MONGODB_URI)" : `embedded (SQLite in a Durable Object, kept in ${options.dataDir})`;
  const model = process.env.ANTHROPIC_API_KEY ? "Anthropic API" : "demo model (offline)";
  console.log(`
  Second is running: ${url}

  store       ${store}
  model       ${model}
  auth        ${process.env.SECOND_AUTH_MODE === "external" ? "external (identity proxy JWT)" : "none (name + email; local use only)"}
  analytics   ${options.telemetry ? "on when a PostHog token is configured" : "off (--disable-telemetry)"}

  Ctrl-C stops everything.
`);
  if (options.open) openBrowser(url);

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
  return platform;
}
