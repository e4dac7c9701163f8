import { env, exports } from "cloudflare:workers";
import { createExecutionContext, runInDurableObject } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { workspaceWithPeople, type Person } from "./support/person.ts";
import { createApp } from "../../worker/app.ts";
import { agentRunCapability, builderTurnCapability, runnerCallCapability } from "../support/capabilities.ts";
import type { RunState } from "../../durable-objects/run-stream/run-state.ts";
import { callCostUsd } from "../../shared/api/model-pricing.ts";
import { usageResponseSchema } from "../../shared/api/usage.ts";

const KEY = env.SECOND_CAPABILITY_KEY!;
const UPSTREAM_KEY = "sk-platform-secret-for-tests";
const proxy = inject("runnerUrl");
/** The Worker as deployed with a model key, the model API played by the stand-in in global-setup.ts. */
const withModelKey = { ...env, ANTHROPIC_API_KEY: UPSTREAM_KEY, ANTHROPIC_BASE_URL: `${proxy}/__upstream` };

function messages(token: string | null, body: object, via: "bearer" | "x-api-key" = "bearer", platformEnv: Cloudflare.Env = withModelKey) {
  const auth: Record<string, string> = token ? (via === "bearer" ? { authorization: `Bearer ${token}` } : { "x-api-key": token }) : {};
  const request = new Request("http://example.com/api/internal/model/v1/messages", {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", ...auth },
    body: JSON.stringify(body),
  });
  return createApp().fetch(request, platformEnv, createExecutionContext());
}

const ask = (model: string, extra: object = {}) => ({ model, max_tokens: 200_000, stream: true, messages: [{ role: "user", content: "hi" }], ...extra });
const upstreamRequests = async () => (await (await fetch(`${proxy}/__test/upstream-requests`)).json()) as { headers: Record<string, string>; body: { max_tokens: number } }[];

/**
 * Starts a real builder turn whose first model call waits, so the run is streaming meanwhile.
 * `killAfter`: the runner's stream of this turn breaks after that many events (a failed turn).
 */
async function heldTurn(owner: Person, workspaceId: string, killAfter?: number) {
  const appId: string = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Metered" })).body.app.id;
  if (killAfter) await fetch(`${proxy}/__test/kill-next-turn?after=${killAfter}&app=${appId}`);
  const base = `/api/workspaces/${workspaceId}/apps/${appId}/runs`;
  const runId: string = (await owner.post(base, {})).body.run.id;
  const held = fetch(`${proxy}/__test/hold-next-model-call`);
  const chat = await exports.default.fetch(
    new Request(`http://example.com${base}/${runId}/chat`, {
      method: "POST",
      headers: { cookie: owner.cookie!, origin: "http://example.com", "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ id: "u1", role: "user", parts: [{ type: "text", text: "Build a lead tracker" }] }] }),
    }),
  );
  await held;
  const state = await runInDurableObject(
    env.RUN_STREAM.getByName(runId),
    (_instance, storage) => JSON.parse(storage.storage.sql.exec<{ value: string }>("SELECT value FROM state WHERE id = 1").one().value) as RunState,
  );
  const finish = async () => {
    await fetch(`${proxy}/__test/release-model-call`);
    await chat.text();
    return (await owner.get(`${base}/${runId}/chat`)).body.run;
  };
  const history = async () => (await owner.get(`${base}/${runId}/chat`)).body as { messages: { parts: { type: string; data?: unknown }[] }[] };
  return { appId, base, runId, turnId: state.turnId!, finish, history };
}

describe("model pass-through", () => {
  it("refuses anything but a live builder turn's capability, and a stale turn's too", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("model-auth");
    const turn = await heldTurn(owner, workspaceId);
    const target = { workspaceId, appId: turn.appId };
    for (const token of [
      null,
      "sk-ant-anything",
      await runnerCallCapability(KEY, target),
      await builderTurnCapability(KEY, target, { ttlSeconds: -5, runId: turn.runId, jti: turn.turnId }),
    ]) {
      expect((await messages(token, ask("demo"))).status).toBe(401);
    }
    // An agent run's capability is metered by its own run object: a run that is not running refuses it.
    const noRun = await messages(await agentRunCapability(KEY, { ...target, agentId: "a", collections: [] }), ask("demo"));
    expect(noRun.status).toBe(429);
    expect(((await noRun.json()) as { error: { message: string } }).error.message).toMatch(/agent run this capability was given to is over/);
    // A capability of another turn of the same run (a leaked, older one) is refused.
    const stale = await builderTurnCapability(KEY, target, { runId: turn.runId, jti: crypto.randomUUID(), model: "demo" });
    expect((await messages(stale, ask("demo"))).status).toBe(429);
    const run = await turn.finish();
    expect(run.status).toBe("completed");
    // Once the turn is over its own capability is dead too.
    const own = await builderTurnCapability(KEY, target, { runId: turn.runId, jti: turn.turnId, model: "demo" });
    expect((await messages(own, ask("demo"))).status).toBe(429);
    expect(await upstreamRequests()).toEqual([]);
  }, 120_000);

  it("adds the platform's key, enforces the run's limits and records the metered usage on the run", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("model-meter");
    const turn = await heldTurn(owner, workspaceId);
    const target = { workspaceId, appId: turn.appId };
    const capability = await builderTurnCapability(KEY, target, { runId: turn.runId, jti: turn.turnId, model: "claude-sonnet-4-5" });

    const first = await messages(capability, ask("claude-sonnet-4-5"));
    expect(first.status).toBe(200);
    expect(await first.text()).toMatch(/hello from upstream[\s\S]*message_stop/);
    const [seen] = await upstreamRequests();
    expect(seen!.headers["x-api-key"]).toBe(UPSTREAM_KEY);
    expect(seen!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(seen!.headers)).not.toContain(capability);
    expect(seen!.body.max_tokens).toBe(32_000); // capped to the run's output limit

    expect((await messages(capability, ask("claude-opus-4-1"))).status).toBe(403); // not the turn's model
    const second = await messages(capability, ask("claude-sonnet-4-5", { stream: false }), "x-api-key");
    expect(second.status).toBe(200);

    const run = await turn.finish();
    // The runner's own calls went through the test's stand-in; the two calls above are what the
    // platform metered for this turn, and the run record carries them.
    expect(run.usage).toMatchObject({ modelCalls: 2, inputTokens: 22, outputTokens: 14, cacheReadTokens: 10, cacheCreationTokens: 6 });
    expect(run.usage.costUsd).toBeGreaterThan(0);
  }, 120_000);

  it("allows a turn a bounded number of calls", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("model-limit");
    const turn = await heldTurn(owner, workspaceId);
    const capability = await builderTurnCapability(KEY, { workspaceId, appId: turn.appId }, { runId: turn.runId, jti: turn.turnId, model: "demo" });
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const response = await messages(capability, ask("demo", { stream: false }));
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    await turn.finish();
  }, 180_000);

  it("without a model key, answers with the runner's demo model on the same path", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("model-demo");
    const turn = await heldTurn(owner, workspaceId);
    const capability = await builderTurnCapability(KEY, { workspaceId, appId: turn.appId }, { runId: turn.runId, jti: turn.turnId, model: "demo" });
    const response = await messages(capability, ask("demo"), "bearer", env);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/event: message_start[\s\S]*event: content_block_delta[\s\S]*message_stop/);
    const run = await turn.finish();
    expect(run.usage.modelCalls).toBe(1);
    expect(run.usage.costUsd).toBe(0);
  }, 120_000);
});

// The stand-in's stream: 11 in, 7 out, 5 cache read, 3 cache written; cut after its first event: 1 out.
const MODEL = "claude-sonnet-5-5";
const FULL = { inputTokens: 11, outputTokens: 7, cacheReadTokens: 5, cacheCreationTokens: 3 };
const CUT = { ...FULL, outputTokens: 1 };
/** Sums are kept to a millionth of a dollar. */
const micro = (usd: number) => Math.round(usd * 1e6) / 1e6;
/** Calls that stay out of the upstream log the tests above assert on. */
const unlogged = { ...withModelKey, ANTHROPIC_BASE_URL: `${proxy}/__upstream-unlogged` };
const turnCapability = (workspaceId: string, turn: { appId: string; runId: string; turnId: string }) =>
  builderTurnCapability(KEY, { workspaceId, appId: turn.appId }, { runId: turn.runId, jti: turn.turnId, model: MODEL });
const call = async (token: string, mode?: "cut-after-start" | "stall-after-start") =>
  messages(token, { ...ask(MODEL, { max_tokens: 1000 }), ...(mode ? { metadata: { user_id: mode } } : {}) }, "bearer", unlogged);
const usage = (person: Person, workspaceId: string, query: string) => person.get(`/api/workspaces/${workspaceId}/usage?${query}`);

describe("usage ledger at the pass-through", () => {
  it("counts the calls of a stopped turn, one cut short by the stop included, at the table's prices", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("use-stop");
    const turn = await heldTurn(owner, workspaceId);
    const capability = await turnCapability(workspaceId, turn);
    expect(await (await call(capability)).text()).toContain("message_stop");
    // The run stops mid-call: it reads the start of the answer and cancels the rest.
    const stalled = await call(capability, "stall-after-start");
    const reader = stalled.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("message_start");
    await reader.cancel();
    expect((await owner.post(`${turn.base}/${turn.runId}/stop`)).body.stopped).toBe(true);
    const run = await turn.finish();
    const { messages } = await turn.history();
    expect(run.lastError).toBe("stopped");

    const cost = micro(callCostUsd(MODEL, FULL) + callCostUsd(MODEL, CUT));
    expect(cost).toBeCloseTo((11 * 2 + 7 * 10 + 5 * 0.1 + 3 * 2.5 + 11 * 2 + 1 * 10 + 5 * 0.1 + 3 * 2.5) / 1e6, 9);
    const byUser = usageResponseSchema.parse((await usage(owner, workspaceId, "groupBy=user")).body);
    expect(byUser.rows).toEqual([
      { key: owner.user!.id, label: owner.displayName, inputTokens: 22, outputTokens: 8, cacheReadTokens: 10, cacheWriteTokens: 6, costUsd: cost, calls: 2 },
    ]);
    expect(run.usage).toMatchObject({ modelCalls: 2, inputTokens: 22, outputTokens: 8, costUsd: cost });
    // The chat shows the stopped turn's metered figures.
    const shown = messages.at(-1)!.parts.find((part) => part.type === "data-usage");
    expect(shown?.data).toMatchObject({ calls: 2, inputTokens: 22, outputTokens: 8, cacheReadTokens: 10, cacheWriteTokens: 6, costUsd: cost, model: MODEL });
  }, 120_000);

  it("counts the calls of a failed turn, one whose upstream broke mid-answer included", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("use-fail");
    const turn = await heldTurn(owner, workspaceId, 2);
    const capability = await turnCapability(workspaceId, turn);
    const broken = await call(capability, "cut-after-start");
    await expect(broken.text()).rejects.toThrow();
    expect(await (await call(capability)).text()).toContain("message_stop");
    const run = await turn.finish();
    expect(run.status).toBe("failed");
    const byApp = usageResponseSchema.parse((await usage(owner, workspaceId, "groupBy=app")).body);
    expect(byApp.rows).toEqual([
      {
        key: turn.appId,
        label: "Metered",
        inputTokens: 22,
        outputTokens: 8,
        cacheReadTokens: 10,
        cacheWriteTokens: 6,
        costUsd: micro(callCostUsd(MODEL, FULL) + callCostUsd(MODEL, CUT)),
        calls: 2,
      },
    ]);
  }, 120_000);
});
