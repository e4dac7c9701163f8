import type { AgentRunStatus } from "../../shared/agents/agent-run.ts";

/** What the run object remembers about its run across restarts (its SQLite-backed storage). */
export interface AgentRunRecord {
  runId: string;
  workspaceId: string;
  appId: string;
  agentId: string;
  version: "draft" | "published";
  /** Who its model calls are charged to (absent in records from before runs were charged to people). */
  chargedUserId?: string;
  trigger?: "user" | "schedule";
  /** The model the run was given, and when it started (epoch ms): for its analytics event. */
  model?: string;
  startedAt?: number;
  status: AgentRunStatus;
  /** The capability id the model pass-through meters calls under. */
  jti: string;
  maxModelCalls: number;
  /** Last sign of life from the runner (an event or a heartbeat), epoch ms. */
  lastSeenAt: number;
}
