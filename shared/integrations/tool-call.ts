import { z } from "zod";
import { appVersionSchema } from "../api/apps.ts";

/** What a tool call may carry as input: a JSON object of at most 20 000 characters. */
export const toolInputSchema = z
  .record(z.string(), z.unknown())
  .refine((input) => JSON.stringify(input).length <= 20_000, "A tool's input may be at most 20 000 characters of JSON.");
export type ToolInput = z.infer<typeof toolInputSchema>;

/** POST /api/workspaces/:wId/apps/:aId/tools/:toolName: only the name (in the path) and the input. */
export const appToolCallBodySchema = z.object({ input: toolInputSchema.default({}), version: appVersionSchema.default("published") }).strict();
export type AppToolCallBody = z.infer<typeof appToolCallBodySchema>;

/** The upstream's answer as the caller sees it: status and body (JSON when it said so, else text). */
export const toolOutputSchema = z.object({ status: z.number().int(), body: z.unknown(), truncated: z.boolean().optional() });
export type ToolOutput = z.infer<typeof toolOutputSchema>;

export const toolCallAnswerSchema = z.object({ output: toolOutputSchema });
export type ToolCallAnswer = z.infer<typeof toolCallAnswerSchema>;

/** POST /api/internal/tool-execute: one custom tool call of an agent run (agent-run capability). */
export const toolExecuteBodySchema = z
  .object({
    workspaceId: z.string().min(1),
    appId: z.string().min(1),
    version: appVersionSchema,
    agentId: z.string().min(1).max(100),
    runId: z.string().min(1).max(100),
    toolName: z.string().min(1).max(63),
    input: toolInputSchema,
  })
  .strict();
export type ToolExecuteBody = z.infer<typeof toolExecuteBodySchema>;

/** The names of the rules a refused call can name (403 `tool_refused`). */
export const TOOL_RULES = [
  "tool-not-approved",
  "grant-missing",
  "grant-not-configured",
  "secret-missing",
  "oauth-not-connected",
  "invalid-url",
  "https-only",
  "host-not-granted",
  "userinfo",
  "port",
  "ip-literal",
  "private-address",
  "dns-failed",
  "redirect-cross-host",
  "redirect-limit",
  "header-not-allowed",
  "header-injection",
  "method",
] as const;
export type ToolRule = (typeof TOOL_RULES)[number];
