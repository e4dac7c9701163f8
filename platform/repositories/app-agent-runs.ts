import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { AgentInput, AgentRunStatus, AgentRunUsage, AppAgentRun } from "../../shared/agents/agent-run.ts";

export interface AppAgentRunDoc {
  _id: string;
  workspaceId: string;
  appId: string;
  agentId: string;
  version: "draft" | "published";
  status: AgentRunStatus;
  triggeredBy: { type: "user" | "schedule"; userId: string };
  /** The agents.json hash the run was started under. */
  approvedHash: string;
  input: AgentInput | null;
  output: string | null;
  error: string | null;
  usage: AgentRunUsage | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export type NewAgentRun = Pick<AppAgentRunDoc, "workspaceId" | "appId" | "agentId" | "version" | "triggeredBy" | "approvedHash" | "input">;

export const toAppAgentRun = (r: AppAgentRunDoc): AppAgentRun => ({
  id: r._id,
  appId: r.appId,
  agentId: r.agentId,
  version: r.version,
  status: r.status,
  triggeredBy: r.triggeredBy,
  approvedHash: r.approvedHash,
  input: r.input,
  output: r.output,
  error: r.error,
  usage: r.usage,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
});

/** App agent runs (app_agent_runs), always loaded by their full scope { workspaceId, appId, _id }. */
export class AppAgentRunsRepository {
  private readonly runs: CollectionClient<AppAgentRunDoc>;
  constructor(env: Env) {
    this.runs = new CollectionClient<AppAgentRunDoc>(env, "app_agent_runs");
  }

  list(workspaceId: string, appId: string, agentId?: string) {
    return this.runs.find({ workspaceId, appId, ...(agentId ? { agentId } : {}) }, { sort: { createdAt: -1 }, limit: 50 });
  }

  get(workspaceId: string, appId: string, runId: string) {
    return this.runs.findOne({ workspaceId, appId, _id: runId });
  }

  create(run: NewAgentRun) {
    const now = new Date();
    return this.runs.insertOne({ _id: newId("arun"), ...run, status: "running", output: null, error: null, usage: null, createdAt: now, updatedAt: now, finishedAt: null });
  }

  /** Only a running run is finished, once: a late second ending (watchdog vs. stream) changes nothing. */
  async finish(workspaceId: string, appId: string, runId: string, outcome: Pick<AppAgentRunDoc, "status" | "output" | "error" | "usage">) {
    const now = new Date();
    return this.runs.updateOne({ workspaceId, appId, _id: runId, status: "running" }, { $set: { ...outcome, updatedAt: now, finishedAt: now } });
  }
}
