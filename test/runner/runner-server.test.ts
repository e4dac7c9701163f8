import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { createRunnerServer } from "../../container-runner/src/server.ts";
import { errorBodySchema } from "../../shared/api/errors.ts";
import { runnerHealthSchema } from "../../shared/runner/health.ts";

describe("runner HTTP service", () => {
  const server = createRunnerServer({ role: "runner", version: "test", internalToken: "secret-token", ownUrl: "http://127.0.0.1:1" });
  let base = "";
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const auth = { authorization: "Bearer secret-token" };

  it("answers /health without a token", async () => {
    const response = await fetch(`${base}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(runnerHealthSchema.parse(await response.json()), { ok: true, role: "runner", version: "test" });
  });

  it("refuses every other route without the internal token", async () => {
    for (const headers of [{}, { authorization: "Bearer wrong" }] as Record<string, string>[]) {
      const response = await fetch(`${base}/sessions/app_1/status`, { headers });
      assert.equal(response.status, 401);
      assert.equal(errorBodySchema.parse(await response.json()).error.code, "identity_required");
    }
  });

  it("answers app-agent routes with 501 until app agents land, and validates builder turns", async () => {
    for (const [method, path] of [
      ["POST", "/sessions/app_1/agent-run"],
      ["GET", "/sessions/app_1/agent-run/run_1/events"],
    ] as const) {
      const response = await fetch(`${base}${path}`, { method, headers: auth });
      assert.equal(response.status, 501, `${method} ${path}`);
      assert.match(errorBodySchema.parse(await response.json()).error.message, /not available yet/);
    }
    const bad = await fetch(`${base}/sessions/app_1/messages`, { method: "POST", headers: auth, body: JSON.stringify({ messages: [] }) });
    assert.equal(bad.status, 400);
    const status = await fetch(`${base}/sessions/app_unknown/status`, { headers: auth });
    assert.deepEqual(await status.json(), { active: false, running: false, lastUsedAt: null });
    assert.equal((await fetch(`${base}/sessions/app_unknown/files`, { headers: auth })).status, 404);
  });

  it("answers an unknown route with a JSON 404", async () => {
    const response = await fetch(`${base}/nope`, { headers: auth });
    assert.equal(response.status, 404);
    assert.equal(errorBodySchema.parse(await response.json()).error.code, "not_found");
  });
});
