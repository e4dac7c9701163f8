// Starts the whole platform locally: `wrangler dev` (the Worker, its Durable Objects and the
// frontend assets; containers off) plus the runner as a plain Node process, and, with MONGODB_URI,
// the change relay. Used by `npm start` and by the browser tests. It builds nothing.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import path from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Node 22+ for wrangler: this process if it is one, else the node@22 devDependency. */
export function nodeBinary() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major >= 22) return process.execPath;
  const local = path.join(root, "node_modules", ".bin", "node");
  if (existsSync(local)) return local;
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
  "SECOND_BUILDER_MODEL",
  "SECOND_POSTHOG_TOKEN",
  "SECOND_POSTHOG_HOST",
  "SECOND_POSTHOG_DISABLED",
  "SECOND_TELEMETRY_DISABLED",
];

function launch(name, args, env, output) {
  const child = spawn(nodeBinary(), args, { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
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
 *           output?: (name: string, line: string) => void, timeoutMs?: number }} options
 * @returns {Promise<{ url: string, runnerUrl: string, internalToken: string, pids: number[], inspectorPort: number, stop(): Promise<void> }>}
 */
export async function startPlatform(options = {}) {
  const port = options.port ?? (await freePort());
  const runnerPort = options.runnerPort ?? (await freePort());
  const inspectorPort = await freePort();
  const env = { ...options.env };
  const internalToken = env.INTERNAL_API_TOKEN ?? process.env.INTERNAL_API_TOKEN ?? randomBytes(24).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const runnerUrl = `http://127.0.0.1:${runnerPort}`;

  const vars = { RUNNER_URL: runnerUrl, INTERNAL_API_TOKEN: internalToken };
  for (const name of PASSTHROUGH) {
    const value = env[name] ?? process.env[name];
    if (value) vars[name] = value;
  }
  const wranglerArgs = [
    path.join(root, "node_modules", "wrangler", "bin", "wrangler.js"),
    "dev",
    "--port", String(port),
    "--ip", "127.0.0.1",
    "--inspector-port", String(inspectorPort),
    "--show-interactive-dev-session=false",
    "--enable-containers=false",
    ...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
    ...(options.persistTo ? ["--persist-to", options.persistTo] : []),
  ];

  const processes = [
    launch("runner", ["--import", "tsx", "container-runner/src/main.ts"], { ...env, PORT: String(runnerPort), INTERNAL_API_TOKEN: internalToken, ROLE: "runner" }, options.output),
    launch("worker", wranglerArgs, { ...env, WRANGLER_SEND_METRICS: "false", CI: "1" }, options.output),
  ];
  const mongoUri = env.MONGODB_URI ?? process.env.MONGODB_URI;
  if (mongoUri) {
    processes.push(
      launch("relay", ["--import", "tsx", "container-runner/src/main.ts"], {
        ...env,
        ROLE: "relay",
        PORT: String(await freePort()),
        MONGODB_URI: mongoUri,
        PLATFORM_URL: url,
        INTERNAL_API_TOKEN: internalToken,
      }, options.output),
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
  return { url, runnerUrl, internalToken, pids: processes.map((p) => p.child.pid), inspectorPort, stop };
}
