import type Anthropic from "@anthropic-ai/sdk";
import type { MessageParam, ToolResultBlockParam } from "@anthropic-ai/sdk/resources/messages";
import type { RunnerEvent } from "../../../shared/runner/events.ts";
import { userMessageText, type UIMessage } from "../../../shared/chat/messages.ts";
import { builderTools, runTool } from "./tools.ts";
import { BUILDER_SYSTEM_PROMPT } from "./system-prompt.ts";
import { costUsd } from "../../../shared/api/model-pricing.ts";

export interface TurnOptions {
  client: Anthropic;
  model: string;
  dir: string;
  messages: UIMessage[];
  signal: AbortSignal;
  emit: (event: RunnerEvent) => void;
  maxSteps?: number;
  /** The offline demo model: reported as such, and free. */
  demo?: boolean;
}

/** Earlier turns as plain text: what was asked and what the builder answered. */
function history(messages: UIMessage[]): MessageParam[] {
  const params: MessageParam[] = [];
  for (const message of messages) {
    const text = userMessageText(message).trim();
    if (!text) continue;
    const last = params.at(-1);
    if (last && last.role === message.role) last.content = `${String(last.content)}\n\n${text}`;
    else params.push({ role: message.role, content: text });
  }
  if (params[0]?.role === "assistant") params.shift();
  return params;
}

/**
 * One builder turn: stream the model, run the tools it calls in the workspace, feed the results
 * back, until it stops calling tools. Everything is reported as RunnerEvents as it happens.
 */
export async function runBuilderTurn(options: TurnOptions): Promise<void> {
  const { client, model, dir, signal, emit } = options;
  const conversation = history(options.messages);
  let inputTokens = 0;
  let outputTokens = 0;
  let stopReason = "end_turn";
  for (let step = 0; step < (options.maxSteps ?? 40); step++) {
    emit({ type: "step-start" });
    const stream = client.messages.stream({ model, max_tokens: 16_000, system: BUILDER_SYSTEM_PROMPT, tools: builderTools, messages: conversation }, { signal });
    const blockIds = new Map<number, { kind: "text" | "thinking" | "tool_use"; id: string; name?: string }>();
    for await (const event of stream) {
      if (event.type === "content_block_start") {
        const block = event.content_block;
        if (block.type === "text") blockIds.set(event.index, { kind: "text", id: `t${step}-${event.index}` });
        else if (block.type === "thinking") blockIds.set(event.index, { kind: "thinking", id: `r${step}-${event.index}` });
        else if (block.type === "tool_use") {
          blockIds.set(event.index, { kind: "tool_use", id: block.id, name: block.name });
          emit({ type: "tool-input-start", toolCallId: block.id, toolName: block.name });
        }
      } else if (event.type === "content_block_delta") {
        const block = blockIds.get(event.index);
        if (!block) continue;
        if (event.delta.type === "text_delta") emit({ type: "text-delta", id: block.id, delta: event.delta.text });
        else if (event.delta.type === "thinking_delta") emit({ type: "reasoning-delta", id: block.id, delta: event.delta.thinking });
        else if (event.delta.type === "input_json_delta") emit({ type: "tool-input-delta", toolCallId: block.id, delta: event.delta.partial_json });
      } else if (event.type === "content_block_stop") {
        const block = blockIds.get(event.index);
        if (block?.kind === "text") emit({ type: "text-end", id: block.id });
        if (block?.kind === "thinking") emit({ type: "reasoning-end", id: block.id });
      }
    }
    const message = await stream.finalMessage();
    inputTokens += message.usage.input_tokens;
    outputTokens += message.usage.output_tokens;
    stopReason = message.stop_reason ?? "end_turn";
    conversation.push({ role: "assistant", content: message.content });

    const calls = message.content.filter((block) => block.type === "tool_use");
    const results: ToolResultBlockParam[] = [];
    for (const call of calls) {
      emit({ type: "tool-input", toolCallId: call.id, toolName: call.name, input: call.input });
      const outcome = await runTool(dir, call.name, call.input);
      emit({ type: "tool-output", toolCallId: call.id, toolName: call.name, output: outcome.output, isError: outcome.isError });
      results.push({
        type: "tool_result",
        tool_use_id: call.id,
        content: typeof outcome.output === "string" ? outcome.output : JSON.stringify(outcome.output),
        is_error: outcome.isError,
      });
    }
    emit({ type: "step-end" });
    if (results.length === 0) break;
    conversation.push({ role: "user", content: results });
  }
  const reported = options.demo ? "demo model (offline)" : model;
  emit({ type: "result", stopReason, usage: { inputTokens, outputTokens }, costUsd: options.demo ? 0 : costUsd(model, inputTokens, outputTokens), model: reported });
}
