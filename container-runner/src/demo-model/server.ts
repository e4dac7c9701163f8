import { z } from "zod";
import { nextReply } from "./script.ts";
import { demoAgentReply } from "./agent-script.ts";
import { sseResponse } from "../http/sse.ts";
import { RunnerError, describeIssues } from "../http/errors.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const blockSchema = z.looseObject({
  type: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  input: z.unknown().optional(),
  text: z.string().optional(),
  tool_use_id: z.string().optional(),
  content: z.unknown().optional(),
  is_error: z.boolean().optional(),
});
/** The part of a Messages API request the demo model reads; anything else is refused. */
const requestSchema = z.object({
  model: z.string().optional(),
  stream: z.literal(true, "The demo model only streams: send stream: true."),
  messages: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(blockSchema)]) })).min(1),
});

/** Splits text into small pieces so the client really sees it stream. */
const pieces = (text: string, size: number) => text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g")) ?? [];

/**
 * POST /demo-model/v1/messages with `stream: true`, speaking the Anthropic Messages streaming
 * protocol, for the offline demo. The real @anthropic-ai/sdk talks to it exactly as to the API
 * (through the platform's model pass-through, like the real model).
 */
export async function demoMessages(raw: unknown, delayMs: number): Promise<Response> {
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) throw new RunnerError("validation_failed", `Invalid demo model request: ${describeIssues(parsed.error)}`);
  const body = parsed.data;
  const reply = demoAgentReply(raw) ?? (await nextReply(body.messages));
  return sseResponse(async (send, signal) => {
    if (reply.pauseMs) await pause(reply.pauseMs);
    if (signal.aborted) return;
    const event = (name: string, data: object) => send({ type: name, ...data }, name);
    const id = `msg_demo_${Date.now().toString(36)}`;
    const inputTokens = JSON.stringify(body.messages).length >> 2;
    event("message_start", {
      message: {
        id,
        type: "message",
        role: "assistant",
        model: body.model ?? "demo",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: 1 },
      },
    });
    let index = 0;
    let outputTokens = 0;
    event("content_block_start", { index, content_block: { type: "text", text: "" } });
    for (const piece of pieces(reply.text, 6)) {
      if (signal.aborted) return;
      event("content_block_delta", { index, delta: { type: "text_delta", text: piece } });
      outputTokens += 2;
      await pause(delayMs);
    }
    event("content_block_stop", { index });
    for (const call of reply.toolCalls) {
      index++;
      const toolId = `toolu_demo_${index}_${Date.now().toString(36)}`;
      event("content_block_start", { index, content_block: { type: "tool_use", id: toolId, name: call.name, input: {} } });
      for (const piece of pieces(JSON.stringify(call.input), 400)) {
        if (signal.aborted) return;
        event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: piece } });
        outputTokens += 100;
        await pause(delayMs / 4);
      }
      event("content_block_stop", { index });
    }
    event("message_delta", { delta: { stop_reason: reply.toolCalls.length ? "tool_use" : "end_turn", stop_sequence: null }, usage: { output_tokens: outputTokens } });
    event("message_stop", {});
  });
}
