import { z } from "zod";

/**
 * Chunks of the AI SDK UI message stream protocol (v1) that a builder turn emits. Every chunk of a
 * run's stream is an SSE event `id: <seq>` / `data: <chunk>`; the last is `finish` or `error`.
 */
export const chatChunkSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), messageId: z.string() }),
  z.object({ type: z.literal("start-step") }),
  z.object({ type: z.literal("finish-step") }),
  z.object({ type: z.literal("text-start"), id: z.string() }),
  z.object({ type: z.literal("text-delta"), id: z.string(), delta: z.string() }),
  z.object({ type: z.literal("text-end"), id: z.string() }),
  z.object({ type: z.literal("reasoning-start"), id: z.string() }),
  z.object({ type: z.literal("reasoning-delta"), id: z.string(), delta: z.string() }),
  z.object({ type: z.literal("reasoning-end"), id: z.string() }),
  z.object({ type: z.literal("tool-input-start"), toolCallId: z.string(), toolName: z.string() }),
  z.object({ type: z.literal("tool-input-delta"), toolCallId: z.string(), inputTextDelta: z.string() }),
  z.object({ type: z.literal("tool-input-available"), toolCallId: z.string(), toolName: z.string(), input: z.unknown() }),
  z.object({ type: z.literal("tool-input-error"), toolCallId: z.string(), toolName: z.string(), input: z.unknown(), errorText: z.string() }),
  z.object({ type: z.literal("tool-output-available"), toolCallId: z.string(), output: z.unknown() }),
  z.object({ type: z.literal("tool-output-error"), toolCallId: z.string(), errorText: z.string() }),
  z.object({
    type: z.literal("data-usage"),
    data: z.object({
      inputTokens: z.number(),
      outputTokens: z.number(),
      costUsd: z.number(),
      model: z.string(),
      /** Present when the platform metered the turn (cache tokens and calls are known then). */
      cacheReadTokens: z.number().optional(),
      cacheWriteTokens: z.number().optional(),
      calls: z.number().optional(),
    }),
  }),
  z.object({ type: z.literal("data-build"), data: z.object({ ok: z.boolean(), errors: z.string().optional(), bytes: z.number().optional() }) }),
  z.object({ type: z.literal("finish") }),
  z.object({ type: z.literal("error"), errorText: z.string() }),
  /** The turn was stopped: the last chunk, after every open part was closed. */
  z.object({ type: z.literal("abort"), reason: z.string().optional() }),
]);
export type ChatChunk = z.infer<typeof chatChunkSchema>;

export const UI_STREAM_HEADER = "x-vercel-ai-ui-message-stream";
