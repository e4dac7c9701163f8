import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { nextReply } from "./script.ts";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

const blockSchema = z.looseObject({ type: z.string(), id: z.string().optional(), name: z.string().optional(), input: z.unknown().optional(), text: z.string().optional(), tool_use_id: z.string().optional(), content: z.unknown().optional(), is_error: z.boolean().optional() });
/** The part of a Messages API request the demo model reads; anything else is refused. */
const requestSchema = z.object({
  model: z.string().optional(),
  stream: z.boolean().optional(),
  messages: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(blockSchema)]) })).min(1),
});

/** Splits text into small pieces so the client really sees it stream. */
const pieces = (text: string, size: number) => text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g")) ?? [];

/**
 * POST /v1/messages with `stream: true`, speaking the Anthropic Messages streaming protocol, for
 * the offline demo. The real @anthropic-ai/sdk talks to it exactly as to the API.
 */
export async function handleDemoMessages(req: IncomingMessage, res: ServerResponse, delayMs: number): Promise<void> {
  const parsed = requestSchema.safeParse(await readBody(req).catch(() => null));
  if (!parsed.success || !parsed.data.stream) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: "The demo model only streams: send stream: true with user and assistant messages." } }));
    return;
  }
  const body = parsed.data;
  const reply = await nextReply(body.messages);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const send = (event: string, data: object) => res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  const id = `msg_demo_${Date.now().toString(36)}`;
  const inputTokens = JSON.stringify(body.messages).length >> 2;
  send("message_start", {
    message: { id, type: "message", role: "assistant", model: body.model ?? "demo", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } },
  });
  let index = 0;
  let outputTokens = 0;
  send("content_block_start", { index, content_block: { type: "text", text: "" } });
  for (const piece of pieces(reply.text, 6)) {
    if (res.destroyed) return;
    send("content_block_delta", { index, delta: { type: "text_delta", text: piece } });
    outputTokens += 2;
    await pause(delayMs);
  }
  send("content_block_stop", { index });
  for (const call of reply.toolCalls) {
    index++;
    const toolId = `toolu_demo_${index}_${Date.now().toString(36)}`;
    send("content_block_start", { index, content_block: { type: "tool_use", id: toolId, name: call.name, input: {} } });
    for (const piece of pieces(JSON.stringify(call.input), 400)) {
      if (res.destroyed) return;
      send("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: piece } });
      outputTokens += 100;
      await pause(delayMs / 4);
    }
    send("content_block_stop", { index });
  }
  send("message_delta", { delta: { stop_reason: reply.toolCalls.length ? "tool_use" : "end_turn", stop_sequence: null }, usage: { output_tokens: outputTokens } });
  send("message_stop", {});
  res.end();
}
