import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { UIMessage } from "../../shared/chat/messages.ts";
import type { RunStatus, RunUsage } from "../../shared/api/runs.ts";

export interface AgentRunDoc {
  _id: string;
  workspaceId: string;
  appId: string;
  status: RunStatus;
  messages: UIMessage[];
  model: string;
  createdByUserId: string;
  createdAt: Date;
  updatedAt: Date;
  usage: RunUsage | null;
  lastError: string | null;
}

/** Builder runs, always loaded by their full scope { workspaceId, appId, _id }. */
export class AgentRunsRepository {
  private readonly runs: CollectionClient<AgentRunDoc>;
  constructor(env: Env) {
    this.runs = new CollectionClient<AgentRunDoc>(env, "agent_runs");
  }

  list(workspaceId: string, appId: string) {
    return this.runs.find({ workspaceId, appId }, { sort: { createdAt: -1 }, limit: 100, projection: { messages: 0 } });
  }

  get(workspaceId: string, appId: string, runId: string) {
    return this.runs.findOne({ workspaceId, appId, _id: runId });
  }

  create(workspaceId: string, appId: string, createdByUserId: string, model: string) {
    const now = new Date();
    return this.runs.insertOne({
      _id: newId("run"),
      workspaceId,
      appId,
      status: "pending",
      messages: [],
      model,
      createdByUserId,
      createdAt: now,
      updatedAt: now,
      usage: null,
      lastError: null,
    });
  }

  /** The posted conversation is stored as the turn starts, so a reload mid-turn shows it. */
  markStreaming(workspaceId: string, appId: string, runId: string, messages: UIMessage[]) {
    return this.runs.updateOne({ workspaceId, appId, _id: runId }, { $set: { status: "streaming", messages, updatedAt: new Date() } });
  }

  finish(workspaceId: string, appId: string, runId: string, outcome: Pick<AgentRunDoc, "status" | "messages" | "usage" | "lastError">) {
    return this.runs.updateOne({ workspaceId, appId, _id: runId }, { $set: { ...outcome, updatedAt: new Date() } });
  }
}
