import type { AgentsApproval, AppDoc } from "../repositories/apps.ts";

/**
 * What an AgentScheduler needs of the agent services: the approval that governs a version's agents,
 * and starting a run. The Worker's entry (worker/index.ts) provides it (docs/decisions/0027).
 */
export interface ScheduledRuns {
  /** The approved agents.json the version runs under (for the draft: only while it matches the current file), or null. */
  approval(app: AppDoc, version: "draft" | "published"): Promise<AgentsApproval | null>;
  /** Starts a scheduled run of the agent, as the person who approved the agents.json; a refusal is logged, not thrown. */
  start(app: AppDoc, run: { agentId: string; version: "draft" | "published"; approvedByUserId: string }): Promise<void>;
}
