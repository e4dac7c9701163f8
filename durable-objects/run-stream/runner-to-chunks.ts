import type { RunnerEvent } from "../../shared/runner/events.ts";
import type { ChatChunk } from "../../shared/chat/chunks.ts";

/**
 * Translates the runner's events into chat chunks (AI SDK UI message stream protocol), opening
 * text and reasoning parts on their first delta.
 */
export class RunnerToChunks {
  private readonly open = new Set<string>();

  map(event: RunnerEvent): ChatChunk[] {
    switch (event.type) {
      case "step-start":
        return [{ type: "start-step" }];
      case "step-end":
        return [{ type: "finish-step" }];
      case "text-delta":
        return [...this.opening("text", event.id), { type: "text-delta", id: event.id, delta: event.delta }];
      case "reasoning-delta":
        return [...this.opening("reasoning", event.id), { type: "reasoning-delta", id: event.id, delta: event.delta }];
      case "text-end":
      case "reasoning-end":
        if (!this.open.delete(event.id)) return [];
        return [{ type: event.type, id: event.id }];
      case "tool-input-start":
        return [{ type: "tool-input-start", toolCallId: event.toolCallId, toolName: event.toolName }];
      case "tool-input-delta":
        return [{ type: "tool-input-delta", toolCallId: event.toolCallId, inputTextDelta: event.delta }];
      case "tool-input":
        return [{ type: "tool-input-available", toolCallId: event.toolCallId, toolName: event.toolName, input: event.input }];
      case "tool-output": {
        const text = typeof event.output === "string" ? event.output : JSON.stringify(event.output);
        const output: ChatChunk = event.isError
          ? { type: "tool-output-error", toolCallId: event.toolCallId, errorText: text }
          : { type: "tool-output-available", toolCallId: event.toolCallId, output: event.output };
        if (event.toolName !== "done_building") return [output];
        return [output, { type: "data-build", data: event.isError ? { ok: false, errors: text } : { ok: true } }];
      }
      case "result":
        return [{ type: "data-usage", data: { ...event.usage, costUsd: event.costUsd, model: event.model } }];
      case "error":
        return [{ type: "error", errorText: event.message }];
    }
  }

  private opening(kind: "text" | "reasoning", id: string): ChatChunk[] {
    if (this.open.has(id)) return [];
    this.open.add(id);
    return [kind === "text" ? { type: "text-start", id } : { type: "reasoning-start", id }];
  }
}
