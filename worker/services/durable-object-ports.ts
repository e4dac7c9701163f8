import type { Env } from "../../platform/env.ts";
import { log } from "../../platform/log.ts";
import { AgentRunsRepository } from "../../platform/repositories/agent-runs.ts";
import { SnapshotsRepository, filesOf } from "../../platform/repositories/snapshots.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";
import type { RunPersistence } from "../../platform/ports/run-persistence.ts";
import type { ScheduledRuns } from "../../platform/ports/scheduled-runs.ts";
import { saveDraftSnapshot } from "./snapshot-service.ts";
import { approvalFor, startAgentRun } from "./agent-runs.ts";
import { applyPresentedSetup } from "./integration-grants.ts";

/** A builder run's record, draft and announcements, as the RunStream object keeps them. */
export function runPersistence(env: Env): RunPersistence {
  const runs = new AgentRunsRepository(env);
  return {
    storedRun: ({ workspaceId, appId, runId }) => runs.get(workspaceId, appId, runId),
    turnStarted: async ({ workspaceId, appId, runId }, messages) => {
      await runs.markStreaming(workspaceId, appId, runId, messages);
      await publishWorkspaceEvent(env, workspaceId, "run.stream_ready", ["runs"], { appId, runId }, "streaming");
    },
    draftFiles: async ({ workspaceId, appId }) => {
      const snapshot = await new SnapshotsRepository(env).get(workspaceId, appId, "draft");
      return snapshot ? filesOf(snapshot) : null;
    },
    saveDraft: async ({ workspaceId, appId }, files) => {
      await saveDraftSnapshot(env, workspaceId, appId, files);
    },
    finish: async ({ workspaceId, appId, runId }, outcome) => {
      await runs.finish(workspaceId, appId, runId, outcome);
    },
    integrationSetupPresented: async ({ workspaceId, appId, userId }, output) => {
      await applyPresentedSetup(env, { workspaceId, appId, userId }, output);
    },
    announceFinished: ({ workspaceId, appId, runId }, status) => publishWorkspaceEvent(env, workspaceId, "run.completed", ["runs", "apps"], { appId, runId }, status),
  };
}

/** Scheduled agent runs, started like triggered ones, as the admin who approved the agents.json. */
export function scheduledRuns(env: Env): ScheduledRuns {
  return {
    approval: async (app, version) => {
      const found = await approvalFor(env, app, version);
      return found.ok ? found.approval : null;
    },
    start: async (app, { agentId, version, approvedByUserId }) => {
      await startAgentRun(env, app, {
        agentId,
        input: null,
        version,
        triggeredBy: { type: "schedule", userId: approvedByUserId },
        actor: { type: "system", id: `schedule:${agentId}`, displayName: "Agent schedule" },
      }).catch((error: unknown) => log("warn", "scheduled agent run was refused", { appId: app._id, agentId, error: error instanceof Error ? error.message : String(error) }));
    },
  };
}
