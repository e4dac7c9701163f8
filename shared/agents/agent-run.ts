import { z } from "zod";
import { agentDefinitionSchema } from "./agents-json.ts";

/** What a trigger hands an agent: text, or a small JSON object (at most 20 000 characters either way). */
export const agentInputSchema = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .refine((input) => JSON.stringify(input).length <= 20_000, "An agent's input may be at most 20 000 characters of JSON.");
export type AgentInput = z.infer<typeof agentInputSchema>;

/** POST /api/workspaces/:wId/apps/:aId/agent-runs */
export const createAgentRunBodySchema = z
  .object({
    agentId: z.string().min(1).max(63),
    input: agentInputSchema.optional(),
    version: z.enum(["draft", "published"]).default("draft"),
  })
  .strict();

export const agentRunStatusSchema = z.enum(["running", "completed", "failed", "stopped"]);
export type AgentRunStatus = z.infer<typeof agentRunStatusSchema>;

/** What one run may spend before it is ended with a clear error. */
export const agentRunLimitsSchema = z.object({
  maxToolCalls: z.number().int().positive(),
  maxTokens: z.number().int().positive(),
  maxMs: z.number().int().positive(),
});
export type AgentRunLimits = z.infer<typeof agentRunLimitsSchema>;

export const agentRunUsageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  modelCalls: z.number().int().nonnegative(),
  toolCalls: z.number().int().nonnegative(),
});
export type AgentRunUsage = z.infer<typeof agentRunUsageSchema>;

/** One app agent run as the API shows it. */
export const appAgentRunSchema = z.object({
  id: z.string(),
  appId: z.string(),
  agentId: z.string(),
  version: z.enum(["draft", "published"]),
  status: agentRunStatusSchema,
  triggeredBy: z.object({ type: z.enum(["user", "schedule"]), userId: z.string() }),
  approvedHash: z.string(),
  input: agentInputSchema.nullable(),
  output: z.string().nullable(),
  error: z.string().nullable(),
  usage: agentRunUsageSchema.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AppAgentRun = z.infer<typeof appAgentRunSchema>;

/** Worker -> runner: start one agent run (POST /sessions/:appId/agent-run). */
export const agentRunRequestSchema = z.object({
  runId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  version: z.enum(["draft", "published"]),
  /** The agent exactly as approved. */
  agent: agentDefinitionSchema,
  input: agentInputSchema.nullable(),
  model: z.string().min(1),
  capability: z.string().min(1),
  limits: agentRunLimitsSchema,
  demo: z.boolean(),
});
export type AgentRunRequest = z.infer<typeof agentRunRequestSchema>;

/** The events of one run: the runner streams them, the run object numbers and stores them. */
export const agentRunEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("started"), agentId: z.string(), version: z.enum(["draft", "published"]) }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("tool-call"), toolCallId: z.string(), toolName: z.string(), input: z.unknown() }),
  z.object({ type: z.literal("tool-result"), toolCallId: z.string(), toolName: z.string(), output: z.unknown(), isError: z.boolean() }),
  z.object({ type: z.literal("completed"), output: z.string(), usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }), toolCalls: z.number() }),
  z.object({ type: z.literal("failed"), error: z.string() }),
]);
export type AgentRunEvent = z.infer<typeof agentRunEventSchema>;

/** GET /api/workspaces/:wId/apps/:aId/agent-runs: optionally one agent's runs. */
export const agentRunsQuerySchema = z.object({ agentId: z.string().min(1).max(63).optional() }).strict();
