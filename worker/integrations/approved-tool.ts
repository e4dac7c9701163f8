import type { Env } from "../../platform/env.ts";
import type { AppDoc, AgentsApproval } from "../../platform/repositories/apps.ts";
import { approvalFor } from "../services/agent-runs.ts";
import { ToolRefusal } from "./tool-refusal.ts";
import type { AgentTool } from "../../shared/agents/agents-json.ts";

export type CustomTool = Extract<AgentTool, { type: "custom" }>;

/**
 * The approved agents.json a call runs under (the same rule as agent runs, `approvalFor`): for the
 * draft, the approval of exactly the current draft file; for the published app, the approval promoted
 * with it. Model output or a draft edit never adds a tool.
 */
async function approvedPayload(env: Env, app: AppDoc, version: "draft" | "published"): Promise<AgentsApproval> {
  const found = await approvalFor(env, app, version);
  if (!found.ok) throw new ToolRefusal("tool-not-approved", found.problem);
  return found.approval;
}

/** The enabled custom tool `toolName` of the approved agent (or of appTools when `agentId` is null). */
export async function approvedCustomTool(env: Env, app: AppDoc, version: "draft" | "published", agentId: string | null, toolName: string): Promise<CustomTool> {
  const { payload } = await approvedPayload(env, app, version);
  let tools: AgentTool[];
  if (agentId === null) tools = payload.appTools;
  else {
    const agent = payload.agents.find((a) => a.id === agentId);
    if (!agent) throw new ToolRefusal("tool-not-approved", `agent "${agentId}" is not in the approved agents.json.`);
    tools = agent.tools;
  }
  const tool = tools.find((t): t is CustomTool => t.type === "custom" && t.name === toolName);
  if (!tool) throw new ToolRefusal("tool-not-approved", `"${toolName}" is not an approved ${agentId === null ? "app tool" : `tool of agent "${agentId}"`}.`);
  if (!tool.enabled) throw new ToolRefusal("tool-not-approved", `"${toolName}" is turned off in the approved agents.json.`);
  return tool;
}
