import { z } from "zod";

/** One next step the builder suggests: a single short line the person can send as their next message. */
export const suggestionTextSchema = z
  .string()
  .trim()
  .min(1, "A suggestion is not empty.")
  .max(120, "A suggestion is at most 120 characters.")
  .refine((text) => !/[\p{Cc}\p{Zl}\p{Zp}]/u.test(text), "A suggestion is one line: no newlines or control characters.");

/**
 * The builder's `show_suggestions` tool: its input (validated by the runner) and its output (the
 * validated suggestions, which the chat renders as chips).
 */
export const showSuggestionsSchema = z
  .object({
    suggestions: z
      .array(suggestionTextSchema)
      .min(2, "Suggest 2 to 4 next steps.")
      .max(4, "Suggest 2 to 4 next steps.")
      .refine((list) => new Set(list.map((s) => s.toLowerCase())).size === list.length, "Each suggestion is different."),
  })
  .strict();
export type ShowSuggestions = z.infer<typeof showSuggestionsSchema>;
