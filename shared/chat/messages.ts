import { z } from "zod";

/**
 * Chat messages in the AI SDK UIMessage shape: `{id, role, parts}`. User messages carry text;
 * assistant messages also carry reasoning, tool calls and our own data cards.
 */
export const textPartSchema = z.object({ type: z.literal("text"), text: z.string() });
export const reasoningPartSchema = z.object({ type: z.literal("reasoning"), text: z.string() });
export const toolPartSchema = z.object({
  type: z.string().regex(/^tool-/),
  toolCallId: z.string(),
  state: z.enum(["input-streaming", "input-available", "output-available", "output-error"]),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  errorText: z.string().optional(),
});
export const dataPartSchema = z.object({ type: z.string().regex(/^data-/), data: z.unknown() });
export const stepStartPartSchema = z.object({ type: z.literal("step-start") });

export const messagePartSchema = z.union([textPartSchema, reasoningPartSchema, stepStartPartSchema, toolPartSchema, dataPartSchema]);
export type MessagePart = z.infer<typeof messagePartSchema>;

/** What the platform notes on a message; `stopped`: the turn that wrote it was stopped. */
export const messageMetadataSchema = z.looseObject({ stopped: z.boolean().optional() });

export const uiMessageSchema = z.object({
  id: z.string().min(1).max(100),
  role: z.enum(["user", "assistant"]),
  parts: z.array(messagePartSchema).max(2000),
  metadata: messageMetadataSchema.optional(),
});
export type UIMessage = z.infer<typeof uiMessageSchema>;

export const userMessageText = (message: UIMessage) =>
  message.parts
    .filter((p): p is z.infer<typeof textPartSchema> => p.type === "text")
    .map((p) => p.text)
    .join("\n");
