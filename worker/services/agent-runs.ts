import type { Env } from "../../platform/env.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import type { AgentsApproval, AppDoc } from "../../platform/repositories/apps.ts";
import { AppAgentRunsRepository, type AppAgentRunDoc } from "../../platform/repositories/app-agent-runs.ts";
import { draftAgents } from "./agents-config.ts";
import { recordAudit } from "./audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";
import { unsupportedToolsProblem, type AgentDefinition } from "../../shared/agents/agents-json.ts";
import type { AgentInput, AgentRunLimits } from "../../shared/agents/agent-run.ts";
import type { AuditEvent } from "../../shared/api/audit.ts";
import { BUILDER_MODELS, DEFAULT_BUILDER_MODEL } from "../../shared/api/runs.ts";

/** What one run may spend; passing any of these ends it with a clear error. */
export const AGENT_RUN_LIMITS: AgentRunLimits = { maxToolCalls: 50, maxTokens: 200_000, maxMs: 5 * 60_000 };

export interface AgentTrigger {
  agentId: string;
  input: AgentInput | null;
  version: "draft" | "published";
  triggeredBy: { type: "user" | "schedule"; userId: string };
  actor: AuditEvent["actor"];
}

/**
 * The approval a run of `version` works under, or why there is none. Draft runs need the current
 * draft agents.json to be exactly the approved one. Published runs use the approval promoted with
 * the published version (publishing refuses an unapproved agents.json), so draft edits and draft
 * approvals never change what a published run may do.
 */
export async function approvalFor(env: Env, app: AppDoc, version: "draft" | "published"): Promise<{ ok: true; approval: AgentsApproval } | { ok: false; problem: string }> {
  if (version === "published") {
    if (!app.publishedSnapshot) return { ok: false, problem: "This app is not published: only its draft agents can run." };
    if (!app.publishedAgents) return { ok: false, problem: "The published version of this app has no approved agents." };
    return { ok: true, approval: app.publishedAgents };
  }
  const approval = app.draftAgentsApproval;
  if (!approval) return { ok: false, problem: "This app's agents.json is not approved: an owner or admin must approve it before its agents can run." };
  const current = await draftAgents(env, app.workspaceId, app._id);
  if (!current.ok || current.hash !== approval.hash)
    return { ok: false, problem: "agents.json changed since it was approved: an owner or admin must approve the current version before its agents can run." };
  return { ok: true, approval };
}

/** The approved agent a run may start under, or a clear refusal (409; an unknown agent is a 404). */
export async function approvedAgent(env: Env, app: AppDoc, agentId: string, version: "draft" | "published"): Promise<{ agent: AgentDefinition; hash: string }> {
  const found = await approvalFor(env, app, version);
  if (!found.ok) throw new ApiError("conflict", found.problem);
  const agent = found.approval.payload.agents.find((a) => a.id === agentId);
  if (!agent) throw notFound("agent");
  const unsupported = unsupportedToolsProblem(agent);
  if (unsupported) throw new ApiError("conflict", unsupported);
  return { agent, hash: found.approval.hash };
}

const modelFor = (env: Env, agent: AgentDefinition) =>
  agent.model && (BUILDER_MODELS as readonly string[]).includes(agent.model) ? agent.model : (env.SECOND_BUILDER_MODEL ?? DEFAULT_BUILDER_MODEL);

/** Creates the app_agent_runs record and hands the run to its own run object, which drives it. */
export async function startAgentRun(env: Env, app: AppDoc, trigger: AgentTrigger): Promise<AppAgentRunDoc> {
  const { agent, hash } = await approvedAgent(env, app, trigger.agentId, trigger.version);
  const run = await new AppAgentRunsRepository(env).create({
    workspaceId: app.workspaceId,
    appId: app._id,
    agentId: agent.id,
    version: trigger.version,
    triggeredBy: trigger.triggeredBy,
    approvedHash: hash,
    input: trigger.input,
  });
  await env.AGENT_RUN_STREAM.getByName(run._id).start({
    runId: run._id,
    workspaceId: app.workspaceId,
    appId: app._id,
    version: trigger.version,
    agent,
    input: trigger.input,
    model: modelFor(env, agent),
    limits: AGENT_RUN_LIMITS,
    chargedUserId: trigger.triggeredBy.userId,
    trigger: trigger.triggeredBy.type,
  });
  await recordAudit(env, {
    workspaceId: app.workspaceId,
    eventName: "agent_run.started",
    category: "apps",
    actor: trigger.actor,
    target: { type: "agent_run", id: run._id },
    metadata: { agentId: agent.id, version: trigger.version, trigger: trigger.triggeredBy.type, hash: hash.slice(0, 16) },
    relatedIds: { appId: app._id },
  });
  await publishWorkspaceEvent(env, app.workspaceId, "agent_run.updated", ["runs"], { appId: app._id, runId: run._id, agentId: agent.id }, "running");
  return run;
}
