// Starts the whole platform locally: the Worker, its Durable Objects and the frontend assets in one
// workerd (scripts/local-runtime.mjs; containers off) plus the runner as a plain Node process, and,
// with MONGODB_URI, the change relay. Used by `npm start`, the browser tests and the bench. It builds
// the Worker bundle (as a deploy would) but not the frontend.
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Resolves a dependency from here: the repository's node_modules, or the one npx installed the package into. */
const resolveHere = createRequire(import.meta.url).resolve;

/** The `node` package's binary where npx installed it (null when it is not installed). */
function installedNode() {
  try {
    return path.join(path.dirname(resolveHere("node/package.json")), "bin", "node");
  } catch {
    return null;
  }
}

/** Node 22+ for wrangler: this process if it is one, else the node@22 devDependency. */
export function nodeBinary() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major >= 22) return process.execPath;
  const local = path.join(root, "node_modules", ".bin", "node");
  if (existsSync(local)) return local;
  const installed = installedNode();
  if (installed && existsSync(installed)) return installed;
  throw new Error("wrangler needs Node 22 or newer; run `npm install` (node@22 is a devDependency) or use npm scripts.");
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Variables the Worker reads, passed through from this process's environment when set. */
const PASSTHROUGH = [
  "MONGODB_URI",
  "MONGODB_DB",
  "SECOND_AUTH_MODE",
  "SECOND_NO_AUTH_SESSION_SECRET",
  "SECOND_AUTH_ISSUER",
  "SECOND_AUTH_AUDIENCE",
  "SECOND_AUTH_JWKS_URL",
  "SECOND_AUTH_JWKS",
  "ANTHROPIC_API_KEY",
  "ANTHROPIC_BASE_URL",
  "MAX_BODY_BYTES",
  "LOG_LEVEL",
  "SECOND_BUILDER_MODEL",
  "SECOND_POSTHOG_TOKEN",
  "SECOND_POSTHOG_HOST",
  "SECOND_POSTHOG_DISABLED",
  "SECOND_TELEMETRY_DISABLED",
  "SECOND_CLI_LAUNCHER_VERSION",
  "SECOND_CLI_LAUNCHER_PACKAGE",
  "SECOND_PUBLIC_HOSTS",
  "SECOND_AUTH_EMAILS_VERIFIED",
  "SECOND_RATE_LIMITS",
  "SECOND_TOKEN_ENCRYPTION_KEY",
  "SECOND_DEV_TOOL_ORIGIN",
];
/** Every rate limit has its own variable (worker/rate-limit/limits.ts); all of them pass through. */
const PASSTHROUGH_PREFIX = "SECOND_RATE_LIMIT_";

/** What a runner or relay process inherits from this one: never a platform secret. */
const PROCESS_ESSENTIALS = ["PATH", "HOME", "TMPDIR", "LANG", "SECOND_WORKSPACES_DIR", "DEMO_MODEL_DELAY_MS"];
const essentials = () => Object.fromEntries(PROCESS_ESSENTIALS.filter((name) => process.env[name]).map((name) => [name, process.env[name]]));

/**
 * The platform's capability key pair: the Worker signs with the private key; the runner gets the
 * public key only. A new pair per start (capabilities live minutes), unless one is configured.
 */
function capabilityKeys(configured) {
  const privateJwk = configured ? JSON.parse(configured) : generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
  const { kty, crv, x, y } = privateJwk;
  return { privateKey: JSON.stringify(privateJwk), publicKey: JSON.stringify({ kty, crv, x, y }) };
}

/**
 * The local runner's whole environment: the essentials, the public key, where the platform is,
 * loopback only. No secret of this process (model key, signing key) is passed on.
 * @param {{ port: number, publicKey: string, platformUrl: string }} options
 */
export function runnerEnv({ port, publicKey, platformUrl }) {
  // Info by default even under node:test (browser tests): the last lines explain a failed start.
  return {
    ...essentials(),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    PORT: String(port),
    HOST: "127.0.0.1",
    ROLE: "runner",
    SECOND_CAPABILITY_PUBLIC_KEY: publicKey,
    PLATFORM_URL: platformUrl,
  };
}

/** `inherit`: the whole environment (wrangler); otherwise only the essentials plus `env`. */
function launch(name, args, env, output, inherit = false) {
  const child = spawn(nodeBinary(), args, { cwd: root, env: { ...(inherit ? process.env : essentials()), ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const lines = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      output?.(name, line);
    }
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return { name, child, lines };
}

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

function stopProcess({ child }) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/**
 * @param {{ port?: number, runnerPort?: number, persistTo?: string, env?: Record<string,string>,
 *           output?: (name: string, line: string) => void, timeoutMs?: number, inspect?: boolean }} options
 * @returns {Promise<{ url: string, runnerUrl: string, capabilityKey: string, pids: number[], inspectorPort: number | null, stop(): Promise<void> }>}
 */
export async function startPlatform(options = {}) {
  const port = options.port ?? (await freePort());
  const runnerPort = options.runnerPort ?? (await freePort());
  const inspectorPort = options.inspect ? await freePort() : null;
  const env = { ...options.env };
  const keys = capabilityKeys(env.SECOND_CAPABILITY_KEY ?? process.env.SECOND_CAPABILITY_KEY);
  const relayToken = env.SECOND_RELAY_TOKEN ?? process.env.SECOND_RELAY_TOKEN ?? randomBytes(24).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const runnerUrl = `http://127.0.0.1:${runnerPort}`;

  // A local platform is a development one; without a configured key, secrets last as long as this start.
  const vars = {
    SECOND_ENV: "development",
    RUNNER_URL: runnerUrl,
    SECOND_CAPABILITY_KEY: keys.privateKey,
    SECOND_RELAY_TOKEN: relayToken,
    SECOND_TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  const limitNames = Object.keys({ ...process.env, ...env }).filter((name) => name.startsWith(PASSTHROUGH_PREFIX));
  for (const name of [...PASSTHROUGH, ...limitNames]) {
    const value = env[name] ?? process.env[name];
    if (value) vars[name] = value;
  }

  const processes = [
    // The runner gets no secret: the public key, where the platform is, and loopback only.
    launch("runner", ["--import", "tsx", "container-runner/src/main.ts"], runnerEnv({ port: runnerPort, publicKey: keys.publicKey, platformUrl: url }), options.output),
    launch(
      "worker",
      [path.join(root, "scripts", "local-runtime.mjs")],
      {
        ...env,
        SECOND_LOCAL_PORT: String(port),
        SECOND_LOCAL_VARS: JSON.stringify(vars),
        ...(options.persistTo ? { SECOND_LOCAL_PERSIST: options.persistTo } : {}),
        ...(inspectorPort ? { SECOND_LOCAL_INSPECTOR_PORT: String(inspectorPort) } : {}),
      },
      options.output,
      true,
    ),
  ];
  const mongoUri = env.MONGODB_URI ?? process.env.MONGODB_URI;
  if (mongoUri) {
    processes.push(
      launch(
        "relay",
        ["--import", "tsx", "container-runner/src/main.ts"],
        {
          ROLE: "relay",
          PORT: String(await freePort()),
          MONGODB_URI: mongoUri,
          ...((env.MONGODB_DB ?? process.env.MONGODB_DB) ? { MONGODB_DB: env.MONGODB_DB ?? process.env.MONGODB_DB } : {}),
          PLATFORM_URL: url,
          SECOND_RELAY_TOKEN: relayToken,
        },
        options.output,
      ),
    );
  }
  const stop = async () => {
    await Promise.all(processes.map(stopProcess));
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const exited = processes.find((p) => p.child.exitCode !== null);
    if (exited) {
      await stop();
      throw new Error(`${exited.name} exited with code ${exited.child.exitCode}:\n${exited.lines.slice(-20).join("\n")}`);
    }
    if ((await answers(`${url}/api/health`)) && (await answers(`${runnerUrl}/health`))) break;
    if (Date.now() > deadline) {
      await stop();
      const tails = processes.map((p) => `--- ${p.name}\n${p.lines.slice(-15).join("\n")}`).join("\n");
      throw new Error(`The platform did not answer within ${(options.timeoutMs ?? 120_000) / 1000} s.\n${tails}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { url, runnerUrl, capabilityKey: keys.privateKey, pids: processes.map((p) => p.child.pid), inspectorPort, stop };
}
