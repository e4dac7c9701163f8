import { z } from "zod";
import { agentsJsonSchema } from "../agents/agents-json.ts";

/** POST /api/workspaces/:wId/apps/:aId/agents/approve: the canonical-JSON hash the admin reviewed. */
export const approveAgentsBodySchema = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, "A SHA-256 hex hash.") }).strict();

/** GET /api/workspaces/:wId/apps/:aId/agents: the draft agents.json and whether it is approved. */
export const appAgentsSchema = z.object({
  draft: z
    .object({
      agents: agentsJsonSchema.shape.agents,
      /** The custom HTTP actions app code calls (callIntegrationTool); approved with the agents. */
      appTools: agentsJsonSchema.shape.appTools,
      hash: z.string(),
      approved: z.boolean(),
      approvedAt: z.string().nullable(),
    })
    .nullable(),
  /** Why there is no usable draft agents.json (missing, invalid JSON, schema errors). */
  problem: z.string().nullable(),
});
export type AppAgents = z.infer<typeof appAgentsSchema>;

/** GET /api/workspaces/:wId/apps/:aId/agents/available: which version's agents (draft needs edit access). */
export const availableAgentsQuerySchema = z.object({ version: z.enum(["draft", "published"]).default("published") }).strict();

/** An agent as the people who may trigger it see it: no prompt, no tools, no collections. */
export const agentSummarySchema = z.object({ id: z.string(), name: z.string(), description: z.string() });
export type AgentSummary = z.infer<typeof agentSummarySchema>;
export const availableAgentsSchema = z.object({ agents: z.array(agentSummarySchema) });
export type AvailableAgents = z.infer<typeof availableAgentsSchema>;
