import { z } from "zod";
import { uiMessageSchema } from "../chat/messages.ts";

export const runStatusSchema = z.enum(["pending", "streaming", "completed", "failed"]);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** Models the picker offers; the runner's default when a run names none. */
export const BUILDER_MODELS = ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"] as const;
export const builderModelSchema = z.enum(BUILDER_MODELS);
export const DEFAULT_BUILDER_MODEL = "claude-sonnet-4-5";

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
export const chatBodySchema = z.object({ messages: z.array(uiMessageSchema).min(1).max(500), model: builderModelSchema.optional() }).strict();
export const streamQuerySchema = z.object({ cursor: z.coerce.number().int().min(0).optional() });
