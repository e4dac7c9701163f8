import type { Context } from "hono";
import type { InternalEnv } from "../internal/internal-env.ts";
import type { Env } from "../../platform/env.ts";
import { ApiError } from "../../platform/api-error.ts";
import { runnerFetch } from "../../platform/runner/runner-client.ts";
import { meterStream, usageOfMessage } from "./usage-meter.ts";
import { recordModelCall } from "../usage/usage-ledger.ts";
import { DEMO_MODEL } from "../../shared/api/model-pricing.ts";
import type { ModelCallBody, ModelUsage } from "../../shared/api/model-call.ts";
import type { UsageRunKind } from "../../shared/api/usage.ts";
import type { Capability, ModelLimits } from "../../shared/capability/claims.ts";

const ANTHROPIC_API = "https://api.anthropic.com";
/** Request headers the model API needs; the caller's credentials never go on. */
const FORWARDED = ["anthropic-version", "anthropic-beta", "accept"];
const RETURNED = ["content-type", "request-id", "anthropic-ratelimit-requests-remaining", "retry-after"];

/** Model calls go to the model API with the platform's key, or to the runner's offline demo model. */
function callUpstream(env: Env, capability: Capability, incoming: Headers, body: ModelCallBody): Promise<Response> {
  const headers = new Headers({ "content-type": "application/json" });
  for (const name of FORWARDED) {
    const value = incoming.get(name);
    if (value) headers.set(name, value);
  }
  if (!headers.has("anthropic-version")) headers.set("anthropic-version", "2023-06-01");
  const init = { method: "POST", headers, body: JSON.stringify(body) };
  if (!env.ANTHROPIC_API_KEY) return runnerFetch(env, { workspaceId: capability.wid, appId: capability.app }, "/demo-model/v1/messages", init);
  headers.set("x-api-key", env.ANTHROPIC_API_KEY);
  const base = (env.ANTHROPIC_BASE_URL ?? ANTHROPIC_API).replace(/\/+$/, "");
  return fetch(`${base}/v1/messages`, init);
}

/** A reserved call; `userId` is who it is charged to (who sent the turn or triggered the agent run; a scheduled run's approving admin). */
type Reservation = { ok: true; callId: number; userId: string | null; runKind?: UsageRunKind } | { ok: false; reason: string };

/** The run object that meters this capability's calls: a builder run, or an app agent run. */
function meterOf(env: Env, capability: Capability, model: string) {
  if (capability.purpose === "builder-turn") {
    const run = env.RUN_STREAM.getByName(capability.run);
    return {
      runKind: "builder" as const,
      runId: capability.run,
      reserve: (): Promise<Reservation> => run.reserveModelCall(capability.jti, model, capability.model.maxCalls),
      record: (id: number, usage: ModelUsage, costUsd: number) => run.recordModelUsage(id, usage, costUsd),
    };
  }
  if (capability.purpose === "agent-run") {
    const run = env.AGENT_RUN_STREAM.getByName(capability.run);
    return {
      runKind: "agent" as const,
      runId: capability.run,
      reserve: (): Promise<Reservation> => run.reserveModelCall(capability.jti, model),
      record: (id: number, usage: ModelUsage, costUsd: number) => run.recordModelUsage(id, usage, costUsd),
    };
  }
  throw new ApiError("forbidden", "This capability may not call the model.");
}

function limitsOf(capability: Capability): ModelLimits {
  if (capability.purpose === "runner-call") throw new ApiError("forbidden", "This capability may not call the model.");
  return capability.model;
}

/**
 * POST /api/internal/model/v1/messages. Enforces the run's limits (its models, an output cap, a
 * number of calls per turn), adds the key, and meters the usage into the run's ledger.
 */
export async function modelPassThrough(c: Context<InternalEnv>, body: ModelCallBody): Promise<Response> {
  const turn = c.var.capability;
  const limits = limitsOf(turn);
  if (!limits.models.includes(body.model)) throw new ApiError("forbidden", `This run may use ${limits.models.join(", ")}, not ${body.model}.`);
  const capped: ModelCallBody = { ...body, max_tokens: Math.min(body.max_tokens, limits.maxOutputTokens) };

  const demo = !c.env.ANTHROPIC_API_KEY;
  const model = demo ? DEMO_MODEL : body.model;
  const meter = meterOf(c.env, turn, model);
  const reserved = await meter.reserve();
  if (!reserved.ok) throw new ApiError("rate_limited", reserved.reason);
  const subject = {
    workspaceId: turn.wid,
    appId: turn.app,
    runId: meter.runId,
    runKind: reserved.runKind ?? meter.runKind,
    callerId: turn.jti,
    userId: reserved.userId ?? null,
    model,
  };
  // The workspace ledger first: the call is billed even if the run object is gone by now.
  const record = async (usage: ModelUsage) => {
    const row = await recordModelCall(c.env, subject, usage);
    await meter.record(reserved.callId, usage, row.costUsd);
  };

  const upstream = await callUpstream(c.env, turn, c.req.raw.headers, capped).catch((error: unknown) => {
    throw new ApiError("upstream_unavailable", `The model could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  });
  const headers = new Headers();
  for (const name of RETURNED) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (!upstream.ok || !upstream.body) return new Response(upstream.body, { status: upstream.status, headers });
  if ((upstream.headers.get("content-type") ?? "").includes("text/event-stream")) {
    return new Response(meterStream(upstream.body, record), { status: upstream.status, headers });
  }
  const text = await upstream.text();
  let message: { usage?: Parameters<typeof usageOfMessage>[0]["usage"] } = {};
  try {
    message = JSON.parse(text);
  } catch {
    throw new ApiError("upstream_unavailable", "The model API answered with something that is not JSON.");
  }
  await record(usageOfMessage(message));
  return new Response(text, { status: upstream.status, headers });
}
