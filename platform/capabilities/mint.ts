import type { Env } from "../env.ts";
import { ApiError } from "../api-error.ts";
import { signCapability } from "../../shared/capability/tokens.ts";
import type { ModelLimits } from "../../shared/capability/claims.ts";

/** A builder turn may run 20 minutes; its capability outlives it a little, never by hours. */
const TURN_TTL_S = 25 * 60;
const RUNNER_CALL_TTL_S = 120;
/** The runner's tool loop takes at most 40 steps; a few retries on top. */
const BUILDER_MAX_CALLS = 60;
const BUILDER_MAX_OUTPUT_TOKENS = 32_000;

/** The platform's signing key (a private EC P-256 JWK). Without it nothing internal works. */
export function capabilityKey(env: Env): string {
  const key = env.SECOND_CAPABILITY_KEY;
  if (!key) throw new ApiError("misconfigured", "SECOND_CAPABILITY_KEY is not configured: the platform cannot talk to its runner.");
  return key;
}

/** The builder's model limits: the turn's model only, capped output, a bounded number of calls. */
export function builderModelLimits(model: string): ModelLimits {
  return { models: [model], maxOutputTokens: BUILDER_MAX_OUTPUT_TOKENS, maxCalls: BUILDER_MAX_CALLS };
}

/**
 * What one builder turn may do: call the model and save its own app's draft. `turnId` becomes the
 * token's id; the run object accepts model calls only for the turn it is running.
 */
export function mintBuilderTurnCapability(env: Env, turn: { workspaceId: string; appId: string; runId: string; model: string; turnId: string }): Promise<string> {
  return signCapability(
    capabilityKey(env),
    { purpose: "builder-turn", wid: turn.workspaceId, app: turn.appId, scope: "draft", run: turn.runId, model: builderModelLimits(turn.model) },
    TURN_TTL_S,
    turn.turnId,
  );
}

/** What one app agent run may do: call the model and use the approved collections of one scope. */
export function mintAgentRunCapability(
  env: Env,
  run: {
    workspaceId: string;
    appId: string;
    version: "draft" | "published";
    runId: string;
    agentId: string;
    collections: string[];
    model: ModelLimits;
    ttlSeconds: number;
    jti: string;
  },
): Promise<string> {
  return signCapability(
    capabilityKey(env),
    { purpose: "agent-run", wid: run.workspaceId, app: run.appId, scope: run.version, run: run.runId, agent: run.agentId, collections: run.collections, model: run.model },
    run.ttlSeconds,
    run.jti,
  );
}

/** The Worker's credential on one call to the runner, bound to the app the call is about. */
export function mintRunnerCall(env: Env, target: { workspaceId: string; appId: string }): Promise<string> {
  return signCapability(capabilityKey(env), { purpose: "runner-call", wid: target.workspaceId, app: target.appId }, RUNNER_CALL_TTL_S);
}
