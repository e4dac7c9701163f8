import type { ChatChunk } from "../../shared/chat/chunks.ts";
import type { UIMessage } from "../../shared/chat/messages.ts";
import type { RunStatus } from "../../shared/api/runs.ts";
import type { AnalyticsEvent, AnalyticsProperties, FailurePhase } from "../../shared/api/analytics.ts";

/**
 * The counts and outcome of one builder turn, for its "build completed" / "build failed" event:
 * numbers and short codes only, never a prompt, a file name or an error's text.
 */
export class TurnFacts {
  private readonly startedAt = Date.now();
  private toolCalls = 0;
  private buildsOk = 0;
  private buildsFailed = 0;
  phase: FailurePhase | null = null;
  errorCode: string | null = null;
  fileCount: number | null = null;

  observe(chunk: ChatChunk): void {
    if (chunk.type === "tool-input-available" || chunk.type === "tool-input-error") this.toolCalls++;
    if (chunk.type === "data-build") chunk.data.ok ? this.buildsOk++ : this.buildsFailed++;
  }

  failed(phase: FailurePhase, errorCode: string): void {
    // The first failure is the cause; what follows it (the save after a failed turn) is not.
    if (this.phase) return;
    this.phase = phase;
    this.errorCode = errorCode;
  }

  event(messages: UIMessage[], status: RunStatus, model: string, demo: boolean): { event: AnalyticsEvent; properties: AnalyticsProperties } {
    const properties: AnalyticsProperties = {
      message_count: messages.length,
      tool_call_count: this.toolCalls,
      file_count: this.fileCount,
      build_count: this.buildsOk + this.buildsFailed,
      build_error_count: this.buildsFailed,
      duration_ms: Date.now() - this.startedAt,
      model,
      demo_model: demo,
    };
    if (status === "completed" && !this.phase) return { event: "build completed", properties };
    return { event: "build failed", properties: { ...properties, failure_phase: this.phase ?? "turn", error_code: this.errorCode ?? "turn_error" } };
  }
}
