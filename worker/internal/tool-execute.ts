import type { Env } from "../../platform/env.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { AppsRepository } from "../../platform/repositories/apps.ts";
import { AppAgentRunsRepository } from "../../platform/repositories/app-agent-runs.ts";
import { executeTool } from "../integrations/tool-executor.ts";
import type { ToolDeps } from "../integrations/tool-deps.ts";
import type { Capability } from "../../shared/capability/claims.ts";
import type { ToolExecuteBody, ToolOutput } from "../../shared/integrations/tool-call.ts";

/**
 * POST /api/internal/tool-execute: a custom tool call of a running agent. The capability names the
 * run and its agent; the run record (created by the platform, not the runner) names who triggered
 * it, whose OAuth account an OAuth tool uses. The tool must be in the approved agents.json again here.
 */
export async function agentToolExecute(env: Env, capability: Capability, body: ToolExecuteBody, deps: ToolDeps): Promise<ToolOutput> {
  if (capability.purpose !== "agent-run" || capability.scope !== body.version || capability.run !== body.runId) throw notFound("agent run");
  if (capability.agent !== body.agentId) throw new ApiError("forbidden", "This capability belongs to another agent.");
  const app = await new AppsRepository(env).byId(body.workspaceId, body.appId);
  if (!app) throw notFound("app");
  const run = await new AppAgentRunsRepository(env).get(body.workspaceId, body.appId, body.runId);
  if (!run || run.agentId !== body.agentId) throw notFound("agent run");
  if (run.status !== "running") throw new ApiError("conflict", `This run is ${run.status}; its tools cannot be called any more.`);
  return executeTool(
    env,
    {
      app,
      version: body.version,
      agentId: body.agentId,
      toolName: body.toolName,
      input: body.input,
      caller: { kind: "agent", agentId: body.agentId, runId: run._id, userId: run.triggeredBy.userId },
    },
    deps,
  );
}
