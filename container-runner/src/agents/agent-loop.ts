import type Anthropic from "@anthropic-ai/sdk";
import type { MessageParam, ToolResultBlockParam } from "@anthropic-ai/sdk/resources/messages";
import type { AgentInput, AgentRunEvent, AgentRunLimits } from "../../../shared/agents/agent-run.ts";
import { dataToolsFor, runDataTool, type DataTarget, type ToolOutcome } from "./data-tools.ts";
import { customToolsFor, isCustomTool, runCustomTool } from "./custom-tools.ts";

export interface AgentLoopOptions {
  client: Anthropic;
  model: string;
  target: DataTarget;
  input: AgentInput | null;
  limits: AgentRunLimits;
  signal: AbortSignal;
  emit: (event: AgentRunEvent) => void;
  /** Tests replace the tool calls (e.g. to prove a refused call never reaches the platform). */
  runTool?: (target: DataTarget, name: string, input: unknown) => Promise<ToolOutcome>;
}

/** Ends a run with a message meant for the people watching it. */
export class AgentLimitError extends Error {}

const MAX_OUTPUT_TOKENS = 4_096;

function firstMessage(input: AgentInput | null): string {
  if (input === null) return "Run now. There is no input for this run.";
  return typeof input === "string" ? input || "Run now." : `Run now with this input (JSON):\n${JSON.stringify(input, null, 2)}`;
}

const platformRules = (target: DataTarget) =>
  target.agent.dataCollections.length
    ? `\n\nYou are a background agent of an internal app. You may read and change only these collections of its data: ${target.agent.dataCollections.join(", ")}. Finish with a short summary of what you did.`
    : "\n\nYou are a background agent of an internal app. You have no access to its data. Finish with a short answer.";

/** Data tools go to the app data routes, custom tools to the platform's tool executor. */
const runAnyTool = (target: DataTarget, name: string, input: unknown): Promise<ToolOutcome> =>
  isCustomTool(target.agent, name) ? runCustomTool(target, name, input) : runDataTool(target, name, input);

/**
 * One app agent run: call the model, run the data tools it asks for, feed the results back, until
 * it answers without tools. Tool calls, tokens and wall-clock are capped; passing a cap ends the run.
 */
export async function runAgentLoop(options: AgentLoopOptions): Promise<void> {
  const { client, model, target, limits, emit } = options;
  const runTool = options.runTool ?? runAnyTool;
  const tools = [...dataToolsFor(target.agent), ...customToolsFor(target.agent)];
  const deadline = AbortSignal.timeout(limits.maxMs);
  const signal = AbortSignal.any([options.signal, deadline]);
  const conversation: MessageParam[] = [{ role: "user", content: firstMessage(options.input) }];
  let inputTokens = 0;
  let outputTokens = 0;
  let toolCalls = 0;
  emit({ type: "started", agentId: target.agent.id, version: target.version });
  try {
    for (;;) {
      const remaining = limits.maxTokens - inputTokens - outputTokens;
      if (remaining <= 0) throw new AgentLimitError(`The run used its ${limits.maxTokens} tokens and was ended.`);
      const message = await client.messages
        .stream(
          {
            model,
            max_tokens: Math.min(MAX_OUTPUT_TOKENS, remaining),
            system: target.agent.systemPrompt + platformRules(target),
            messages: conversation,
            ...(tools.length ? { tools } : {}),
          },
          { signal },
        )
        .finalMessage();
      inputTokens += message.usage.input_tokens;
      outputTokens += message.usage.output_tokens;
      conversation.push({ role: "assistant", content: message.content });
      const text = message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
      if (text) emit({ type: "text", text });
      const calls = message.content.filter((b) => b.type === "tool_use");
      if (calls.length === 0) {
        emit({ type: "completed", output: text, usage: { inputTokens, outputTokens }, toolCalls });
        return;
      }
      if (inputTokens + outputTokens > limits.maxTokens) throw new AgentLimitError(`The run used more than its ${limits.maxTokens} tokens and was ended.`);
      const results: ToolResultBlockParam[] = [];
      for (const call of calls) {
        toolCalls++;
        if (toolCalls > limits.maxToolCalls) throw new AgentLimitError(`The run asked for more than ${limits.maxToolCalls} tool calls and was ended.`);
        emit({ type: "tool-call", toolCallId: call.id, toolName: call.name, input: call.input });
        const outcome = tools.some((t) => t.name === call.name)
          ? await runTool(target, call.name, call.input)
          : { output: `This agent has no tool named ${call.name}.`, isError: true };
        emit({ type: "tool-result", toolCallId: call.id, toolName: call.name, output: outcome.output, isError: outcome.isError });
        results.push({
          type: "tool_result",
          tool_use_id: call.id,
          content: typeof outcome.output === "string" ? outcome.output : JSON.stringify(outcome.output),
          is_error: outcome.isError,
        });
      }
      conversation.push({ role: "user", content: results });
    }
  } catch (error) {
    if (error instanceof AgentLimitError) return emit({ type: "failed", error: error.message });
    if (deadline.aborted) return emit({ type: "failed", error: `The run took longer than ${Math.round(limits.maxMs / 1000)} seconds and was ended.` });
    if (options.signal.aborted) return emit({ type: "failed", error: "The run was stopped." });
    emit({ type: "failed", error: `The model call failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}
