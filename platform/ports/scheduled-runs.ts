import type { AppDoc } from "../repositories/apps.ts";
import type { AgentDefinition } from "../../shared/agents/agents-json.ts";

/**
 * What an AgentScheduler needs of the agent services: the app's current draft agents.json, its approved
 * agents, and starting a run. The Worker's entry (worker/index.ts) provides it (docs/decisions/0027).
 */
export interface ScheduledRuns {
  /** The canonical hash of the app's draft agents.json as it is now, or null when it is missing or invalid. */
  draftAgentsHash(app: AppDoc): Promise<string | null>;
  /** The agent as the approved agents.json defines it, or null when it is no longer approved. */
  approvedAgent(app: AppDoc, agentId: string): Promise<AgentDefinition | null>;
  /** Starts a scheduled run of the agent, as the person who approved the agents.json; a refusal is logged, not thrown. */
  start(app: AppDoc, agentId: string, approvedByUserId: string): Promise<void>;
}
