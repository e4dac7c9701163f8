import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { errorBodySchema } from "../../shared/api/errors.ts";
import { runnerHealthSchema } from "../../shared/runner/health.ts";
import { builderTurnCapability, runnerCallCapability } from "../support/capabilities.ts";
import { testKeyPair } from "../support/test-keys.ts";
import { startRunner, WORKSPACE } from "./support/runner-harness.ts";

describe("runner HTTP service", () => {
  let runner: Awaited<ReturnType<typeof startRunner>>;
  before(async () => {
    runner = await startRunner();
  });
  after(() => runner.stop());
  const withToken = (token: string) => ({ authorization: `Bearer ${token}` });
  const code = async (response: Response) => errorBodySchema.parse(await response.json()).error.code;

  it("answers /health without a token", async () => {
    const response = await fetch(`${runner.base()}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(runnerHealthSchema.parse(await response.json()), { ok: true, role: "runner", version: "test" });
  });

  it("answers only calls the platform signed for that app: no token, forged, expired or the wrong kind is a 401", async () => {
    const target = { workspaceId: WORKSPACE, appId: "app_1" };
    const forged = await runnerCallCapability(testKeyPair().privateKey, target);
    const expired = await runnerCallCapability(runner.keys.privateKey, target, -60);
    // A builder turn's capability (what the runner itself holds) does not command a runner.
    const turnCapability = await builderTurnCapability(runner.keys.privateKey, target);
    for (const headers of [{}, withToken("wrong"), withToken(forged), withToken(expired), withToken(turnCapability)] as Record<string, string>[]) {
      for (const path of ["/sessions/app_1/status", "/sessions/app_1/files", "/demo-model/v1/messages"]) {
        const response = await fetch(`${runner.base()}${path}`, { method: path.startsWith("/demo") ? "POST" : "GET", headers });
        assert.equal(response.status, 401, `${path} with ${JSON.stringify(headers).slice(0, 40)}`);
        assert.equal(await code(response), "identity_required");
      }
    }
  });

  it("refuses a call signed for app A on app B's session", async () => {
    const tokenForA = await runnerCallCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId: "app_a" });
    for (const [method, path] of [
      ["GET", "/sessions/app_b/files"],
      ["GET", "/sessions/app_b/status"],
      ["DELETE", "/sessions/app_b"],
      ["POST", "/sessions/app_b/messages"],
    ] as const) {
      const response = await fetch(`${runner.base()}${path}`, {
        method,
        headers: { ...withToken(tokenForA), "content-type": "application/json" },
        body:
          method === "POST"
            ? JSON.stringify({
                runId: "r",
                model: "demo",
                capability: "x",
                demo: true,
                sourceFiles: null,
                messages: [{ id: "m", role: "user", parts: [{ type: "text", text: "hi" }] }],
              })
            : undefined,
      });
      assert.equal(response.status, 403, `${method} ${path}`);
    }
  });

  it("answers a path id that is not an id (..%2F and friends) with a 400, never a 500", async () => {
    for (const id of ["..%2F..%2Fetc", "..", "a%2Fb", "%2e%2e", "a%00b", "x".repeat(101)]) {
      const token = await runnerCallCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId: decodeURIComponent(id) });
      const response = await fetch(`${runner.base()}/sessions/${id}/files`, { headers: withToken(token) });
      assert.ok(response.status === 400 || response.status === 404, `${id}: ${response.status}`);
      assert.ok(response.status < 500);
    }
    const token = await runnerCallCapability(runner.keys.privateKey, { workspaceId: WORKSPACE, appId: "../x" });
    assert.equal((await fetch(`${runner.base()}/sessions/..%2Fx/files`, { headers: withToken(token) })).status, 400);
  });

  it("validates agent-run and builder-turn bodies", async () => {
    const agentRun = await runner.call("app_1", "/sessions/app_1/agent-run", { method: "POST", body: JSON.stringify({}) });
    assert.equal(agentRun.status, 400);
    assert.ok(errorBodySchema.safeParse(await agentRun.json()).success);
    const bad = await runner.call("app_1", "/sessions/app_1/messages", { method: "POST", body: JSON.stringify({ messages: [] }) });
    assert.equal(bad.status, 400);
    const malformed = await runner.call("app_1", "/sessions/app_1/messages", { method: "POST", body: "{not json" });
    assert.equal(malformed.status, 400);
    const status = await runner.call("app_unknown", "/sessions/app_unknown/status");
    assert.deepEqual(await status.json(), { active: false, running: false, lastUsedAt: null });
    assert.equal((await runner.call("app_unknown", "/sessions/app_unknown/files")).status, 404);
  });

  it("refuses a turn body beyond its limit with a 413", async () => {
    const huge = JSON.stringify({ runId: "r", model: "demo", capability: "x", demo: true, sourceFiles: { "src/a.ts": "x".repeat(25 * 1024 * 1024) }, messages: [] });
    const response = await runner.call("app_1", "/sessions/app_1/messages", { method: "POST", body: huge });
    assert.equal(response.status, 413);
  });

  it("answers an unknown route with a JSON 404", async () => {
    const response = await runner.call("app_1", "/nope");
    assert.equal(response.status, 404);
    assert.equal(await code(response), "not_found");
  });
});
