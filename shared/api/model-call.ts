import { z } from "zod";

/**
 * POST /api/internal/model/v1/messages: the Anthropic Messages API request as a run sends it. Only
 * the fields the platform enforces are checked; the rest goes to the model API unchanged.
 */
export const modelCallBodySchema = z
  .object({
    model: z.string().min(1).max(200),
    max_tokens: z.number().int().positive(),
    messages: z.array(z.unknown()).min(1),
    stream: z.boolean().optional(),
  })
  .loose();
export type ModelCallBody = z.infer<typeof modelCallBodySchema>;

/** The token counts of one model call, as metered by the platform (never as reported by the run). */
export const modelUsageSchema = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cacheReadTokens: z.number().int().min(0),
  cacheCreationTokens: z.number().int().min(0),
});
export type ModelUsage = z.infer<typeof modelUsageSchema>;
