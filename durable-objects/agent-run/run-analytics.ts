import type { AgentRunRecord } from "./run-record.ts";
import type { AgentRunStatus, AgentRunUsage } from "../../shared/agents/agent-run.ts";
import type { AnalyticsEvent, AnalyticsProperties, FailurePhase } from "../../shared/api/analytics.ts";

export type RunFailure = { phase: FailurePhase; code: string };

/** A short code for the runner's reason a run failed (its text may quote the model or app data). */
export function runnerFailureCode(error: string): string {
  if (/took longer than/.test(error)) return "timeout";
  if (/at most|limit/i.test(error)) return "limit_reached";
  if (/was stopped/.test(error)) return "stopped";
  if (/model call failed/.test(error)) return "model_error";
  return "run_error";
}

/**
 * "app agent finished" (completed or stopped) or "app agent error" (failed), with counts and the
 * outcome; ids go along for identified people and are stripped for anonymized ones.
 */
export function agentRunEvent(
  record: AgentRunRecord,
  outcome: { status: AgentRunStatus; failure?: RunFailure },
  usage: AgentRunUsage,
): { event: AnalyticsEvent; properties: AnalyticsProperties } {
  const properties: AnalyticsProperties = {
    outcome: outcome.status,
    trigger: record.trigger ?? null,
    app_version: record.version,
    tool_call_count: usage.toolCalls,
    model_call_count: usage.modelCalls,
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    duration_ms: record.startedAt ? Date.now() - record.startedAt : null,
    model: record.model ?? null,
    workspace_id: record.workspaceId,
    app_id: record.appId,
    run_id: record.runId,
    agent_id: record.agentId,
  };
  if (outcome.status !== "failed") return { event: "app agent finished", properties };
  return { event: "app agent error", properties: { ...properties, failure_phase: outcome.failure?.phase ?? "runner", error_code: outcome.failure?.code ?? "run_error" } };
}
