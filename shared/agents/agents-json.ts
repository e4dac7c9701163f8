import { z } from "zod";
import { parseCron } from "./cron.ts";

/**
 * agents.json: the app agents an app may start and the tools app code may call, approved by an
 * owner or admin by its canonical-JSON hash (docs/security.md). Unknown fields are refused, so
 * the approved text is exactly what runs.
 */

const machineName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "Tool names are lowercase letters, digits and underscores, starting with a letter.");
const collectionName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Collection names are 1-64 letters, digits, dashes or underscores.");

/** The grant a custom tool uses: an app-scoped integration matched by domain and key slug. */
const integrationRefSchema = z.object({ domain: z.string().min(1).max(253), keySlug: z.string().min(1).max(64).default("default") }).strict();

/** A custom tool's HTTP call; url, headers and body may hold {{input.x}} and {{secrets.name}}. */
const endpointSchema = z
  .object({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    url: z.string().min(1).max(2000),
    headers: z.record(z.string().max(100), z.string().max(2000)).optional(),
    body: z.unknown().optional(),
  })
  .strict();

/** The builtin tools an agent may turn on; all are off unless declared. */
export const BUILTIN_TOOLS = ["web_search", "web_fetch"] as const;

const builtinToolSchema = z
  .object({
    name: z.enum(BUILTIN_TOOLS),
    type: z.literal("builtin"),
    displayName: z.string().max(80).optional(),
    description: z.string().max(500).optional(),
    enabled: z.boolean().default(true),
    recommended: z.boolean().optional(),
  })
  .strict();

const customToolSchema = z
  .object({
    name: machineName,
    type: z.literal("custom"),
    displayName: z.string().max(80).optional(),
    description: z.string().max(500).optional(),
    enabled: z.boolean().default(true),
    recommended: z.boolean().optional(),
    integration: integrationRefSchema,
    endpoint: endpointSchema,
    inputSchema: z.record(z.string(), z.unknown()).default({ type: "object", properties: {} }),
  })
  .strict();

export const agentToolSchema = z.discriminatedUnion("type", [builtinToolSchema, customToolSchema]);
export type AgentTool = z.infer<typeof agentToolSchema>;

/** Either a 5-field cron expression (UTC) or a fixed interval of at least five minutes. */
export const agentScheduleSchema = z.union([
  z
    .object({
      cron: z
        .string()
        .max(100)
        .refine((cron) => parseCron(cron) !== null, "A cron expression has five fields (minute hour day month weekday, UTC) of numbers, *, lists, ranges and steps."),
    })
    .strict(),
  z
    .object({
      everyMinutes: z
        .number()
        .int()
        .min(5)
        .max(60 * 24 * 7),
    })
    .strict(),
]);
export type AgentSchedule = z.infer<typeof agentScheduleSchema>;

export const agentDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Agent ids are lowercase letters, digits and dashes."),
    name: z.string().min(1).max(80),
    description: z.string().max(500).default(""),
    systemPrompt: z.string().min(1).max(20_000),
    /** Collections the agent may read and write; none means no data tools. */
    dataCollections: z.array(collectionName).max(50).default([]),
    tools: z.array(agentToolSchema).max(20).default([]),
    /** A model the agent asks for; the platform decides whether it may use it. */
    model: z.string().min(1).max(100).optional(),
    schedule: agentScheduleSchema.optional(),
  })
  .strict();
export type AgentDefinition = z.infer<typeof agentDefinitionSchema>;

/** The platform's own data tools keep their names; a list names each tool once. */
const RESERVED_TOOL_NAMES = new Set(["read_app_data", "update_app_data"]);
function toolNameIssues(tools: { name: string }[], path: (string | number)[], ctx: z.RefinementCtx) {
  const names = new Set<string>();
  tools.forEach((tool, i) => {
    if (RESERVED_TOOL_NAMES.has(tool.name)) ctx.addIssue({ code: "custom", path: [...path, i, "name"], message: `"${tool.name}" is a platform tool's name; choose another.` });
    if (names.has(tool.name)) ctx.addIssue({ code: "custom", path: [...path, i, "name"], message: `Tool "${tool.name}" is listed twice.` });
    names.add(tool.name);
  });
}

export const agentsJsonSchema = z
  .object({
    agents: z.array(agentDefinitionSchema).max(20),
    /** Custom HTTP actions app code calls directly; same shape as agents' custom tools. */
    appTools: z.array(customToolSchema).max(20).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.agents.forEach((agent, i) => {
      if (seen.has(agent.id)) ctx.addIssue({ code: "custom", path: ["agents", i, "id"], message: `Agent id "${agent.id}" is used twice.` });
      seen.add(agent.id);
      toolNameIssues(agent.tools, ["agents", i, "tools"], ctx);
    });
    toolNameIssues(config.appTools, ["appTools"], ctx);
  });
export type AgentsJson = z.infer<typeof agentsJsonSchema>;

/**
 * Web tools (web_search, web_fetch) are not offered by this platform: an agent that turns one on
 * refuses to run, with this reason, rather than run without it. Custom tools run through the
 * integration executor (docs/security.md).
 */
export function unsupportedToolsProblem(agent: AgentDefinition): string | null {
  const builtin = agent.tools.filter((t) => t.enabled && t.type === "builtin").map((t) => t.name);
  if (builtin.length) return `Agent "${agent.id}" declares web tools (${builtin.join(", ")}), which this platform does not offer yet, so the agent cannot run.`;
  return null;
}
