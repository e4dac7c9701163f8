import { z } from "zod";
import { uiMessageSchema } from "../chat/messages.ts";
import { builderModelSchema } from "./models.ts";

export { BUILDER_MODELS, builderModelSchema, DEFAULT_BUILDER_MODEL } from "./models.ts";

export const runStatusSchema = z.enum(["pending", "streaming", "completed", "failed"]);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** A run's usage as the platform metered it at the model pass-through (cache and call counts when metered). */
export const runUsageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number(),
  cacheReadTokens: z.number().optional(),
  cacheCreationTokens: z.number().optional(),
  modelCalls: z.number().optional(),
});
export type RunUsage = z.infer<typeof runUsageSchema>;

export const runSchema = z.object({
  id: z.string(),
  appId: z.string(),
  status: runStatusSchema,
  model: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  usage: runUsageSchema.nullable(),
  lastError: z.string().nullable(),
});
export type Run = z.infer<typeof runSchema>;

export const createRunBodySchema = z.object({ model: builderModelSchema.optional() }).strict();
/**
 * POST .../runs/:runId/chat: the conversation, as our client or the AI SDK's stock
 * DefaultChatTransport sends it (`id` is the client's chat id; the run is the one in the path).
 * A run keeps its answers, so regenerating one is refused rather than silently ignored.
 */
export const chatBodySchema = z
  .object({
    messages: z.array(uiMessageSchema).min(1).max(500),
    model: builderModelSchema.optional(),
    id: z.string().max(200).optional(),
    trigger: z.enum(["submit-message", "regenerate-message"]).optional(),
    messageId: z.string().max(200).optional(),
  })
  .strict()
  .refine((body) => body.trigger !== "regenerate-message", {
    path: ["trigger"],
    message: "Regenerating an answer is not supported: send a new message instead.",
  });
export const streamQuerySchema = z.object({ cursor: z.coerce.number().int().min(0).optional() });
