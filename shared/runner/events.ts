import { z } from "zod";
import { uiMessageSchema } from "../chat/messages.ts";

/**
 * The runner's one normalised event stream for a builder turn (SSE `data:` lines from
 * POST /sessions/:appId/messages). The RunStream turns each into chat chunks.
 */
export const runnerEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("step-start") }),
  z.object({ type: z.literal("text-delta"), id: z.string(), delta: z.string() }),
  z.object({ type: z.literal("text-end"), id: z.string() }),
  z.object({ type: z.literal("reasoning-delta"), id: z.string(), delta: z.string() }),
  z.object({ type: z.literal("reasoning-end"), id: z.string() }),
  z.object({ type: z.literal("tool-input-start"), toolCallId: z.string(), toolName: z.string() }),
  z.object({ type: z.literal("tool-input-delta"), toolCallId: z.string(), delta: z.string() }),
  z.object({ type: z.literal("tool-input"), toolCallId: z.string(), toolName: z.string(), input: z.unknown() }),
  z.object({ type: z.literal("tool-output"), toolCallId: z.string(), toolName: z.string(), output: z.unknown(), isError: z.boolean() }),
  z.object({ type: z.literal("step-end") }),
  z.object({
    type: z.literal("result"),
    stopReason: z.string(),
    usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }),
    costUsd: z.number(),
    model: z.string(),
  }),
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type RunnerEvent = z.infer<typeof runnerEventSchema>;

/** POST /sessions/:appId/messages */
export const builderTurnRequestSchema = z.object({
  runId: z.string(),
  messages: z.array(uiMessageSchema).min(1),
  model: z.string().min(1),
  /** The turn's capability: the runner's model client sends it to the platform as its API key. */
  capability: z.string().min(1).max(8000),
  /** No model API key on the platform: the offline demo model answers (reported as such, free). */
  demo: z.boolean(),
  /** The stored draft snapshot, restored when this runner has no workspace for the app. */
  sourceFiles: z.record(z.string(), z.string()).nullable(),
});
export type BuilderTurnRequest = z.infer<typeof builderTurnRequestSchema>;

/** GET /sessions/:appId/files */
export const workspaceFilesSchema = z.object({ files: z.record(z.string(), z.string()) });
