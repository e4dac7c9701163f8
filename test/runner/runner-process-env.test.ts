import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { freePort, runnerEnv } from "../../scripts/platform.mjs";
import { testKeyPair } from "../support/test-keys.ts";

const SECRETS = {
  ANTHROPIC_API_KEY: "sk-ant-parent-secret",
  SECOND_CAPABILITY_KEY: "private-jwk-of-the-parent",
  SECOND_RELAY_TOKEN: "relay-token-of-the-parent",
  INTERNAL_API_TOKEN: "legacy-token-of-the-parent",
};

/** `npm start` launches the runner with scripts/platform.mjs: its process holds no platform secret. */
describe("the local runner process", () => {
  it("holds neither the model key nor any platform credential, and listens on loopback only", async () => {
    Object.assign(process.env, SECRETS);
    const port = await freePort();
    const env = runnerEnv({ port, publicKey: testKeyPair().publicKey, platformUrl: "http://127.0.0.1:1" });
    const child = spawn(process.execPath, ["--import", "tsx", "container-runner/src/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes('"msg":"listening"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.match(output, /"host":"127\.0\.0\.1"/);
      const environ = (await readFile(`/proc/${child.pid}/environ`, "utf8")).split("\0");
      const names = environ.map((entry) => entry.split("=")[0]);
      for (const [name, value] of Object.entries(SECRETS)) {
        assert.ok(!names.includes(name), `${name} is in the runner's environment`);
        assert.ok(!environ.some((entry) => entry.includes(value)), `the value of ${name} is in the runner's environment`);
      }
      assert.ok(names.includes("SECOND_CAPABILITY_PUBLIC_KEY"));
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      assert.equal(health.status, 200);
      // The demo model is the platform's too: no call without a capability.
      assert.equal((await fetch(`http://127.0.0.1:${port}/demo-model/v1/messages`, { method: "POST", body: "{}" })).status, 401);
    } finally {
      child.kill("SIGTERM");
      for (const name of Object.keys(SECRETS)) delete process.env[name];
    }
  });
});
