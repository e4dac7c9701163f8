import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../scripts/platform.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** What `npm pack` would put in the tarball, without packing. */
function packList(): string[] {
  const out = execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return pack!.files.map((file) => file.path);
}

describe("the npx launcher", () => {
  let child: ChildProcess | null = null;
  const temp = mkdtempSync(path.join(tmpdir(), "second-launcher-"));
  after(() => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGTERM");
    rmSync(temp, { recursive: true, force: true });
  });

  it("packs what it runs and nothing of the tests", () => {
    const files = packList();
    for (const needed of [
      "bin/second.mjs",
      "scripts/launch.mjs",
      "scripts/platform.mjs",
      "worker/index.ts",
      "wrangler.toml",
      "container-runner/src/main.ts",
      "container-runner/Dockerfile",
      "container-runner/template/package.json",
      "shared/api/usage.ts",
    ]) {
      assert.ok(files.includes(needed), `${needed} is packed`);
    }
    assert.ok(!files.some((file) => file.startsWith("test/") || file.startsWith("node_modules/") || file.startsWith(".data/")), "no tests, node_modules or local data");
  });

  it("runs from the packed tarball in a clean directory to a healthy /api/health", { timeout: 20 * 60_000 }, async () => {
    const packed = path.join(temp, "pack");
    const project = path.join(temp, "elsewhere");
    mkdirSync(packed, { recursive: true });
    execFileSync(npm, ["pack", "--pack-destination", packed], { cwd: root, stdio: "ignore" });
    const tarball = path.join(packed, readdirSync(packed).find((name) => name.endsWith(".tgz"))!);
    mkdirSync(project, { recursive: true });
    const port = await freePort();
    const dataDir = path.join(temp, "data");
    child = spawn(npm, ["exec", "--yes", `--package=${tarball}`, "--", "second-on-the-edge", "--port", String(port), "--data-dir", dataDir, "--no-open", "--disable-telemetry"], {
      cwd: project,
      // A clean directory and home; the machine's npm cache only saves downloads.
      env: { PATH: process.env.PATH, HOME: temp, npm_config_cache: process.env.npm_config_cache ?? path.join(homedir(), ".npm"), npm_config_prefer_offline: "true" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      child!.on("exit", (code) => reject(new Error(`the launcher exited (${code}):\n${output.slice(-3000)}`)));
      const timer = setInterval(() => {
        const match = /Second is running: (http:\/\/\S+)/.exec(output);
        if (match) {
          clearInterval(timer);
          resolve(match[1]!);
        }
      }, 500);
    });
    assert.equal(url, `http://localhost:${port}`);
    const health = await fetch(`${url}/api/health`);
    assert.equal(health.status, 200);
    assert.match(output, /analytics\s+off/);
    assert.ok(readdirSync(dataDir).includes("session-secret"), "the data directory holds the session secret");
  });
});
