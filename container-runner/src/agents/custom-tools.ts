import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import type { AgentDefinition, AgentTool } from "../../../shared/agents/agents-json.ts";
import { toolCallAnswerSchema as toolAnswerSchema, toolInputSchema } from "../../../shared/integrations/tool-call.ts";
import { callPlatform, refused, type DataTarget, type ToolOutcome } from "./data-tools.ts";

type CustomTool = Extract<AgentTool, { type: "custom" }>;

/** What the model is shown of one answer at most (an upstream may send up to 1 MiB). */
export const MAX_TOOL_OUTPUT_CHARS = 50_000;

/** A long answer reaches the model cut to its first characters, marked as cut. */
function forModel(outcome: ToolOutcome): ToolOutcome {
  if (outcome.isError) return outcome;
  const parsed = toolAnswerSchema.safeParse(outcome.output);
  if (!parsed.success) return refused("The platform's answer was not understood.");
  const { output } = parsed.data;
  const text = JSON.stringify(output.body) ?? "";
  if (text.length <= MAX_TOOL_OUTPUT_CHARS) return { output, isError: false };
  return { output: { status: output.status, body: text.slice(0, MAX_TOOL_OUTPUT_CHARS), truncated: true }, isError: false };
}

const enabledCustomTools = (agent: AgentDefinition) => agent.tools.filter((t): t is CustomTool => t.type === "custom" && t.enabled);

/** A tool's input schema as the model needs it: always an object schema. */
function objectSchema(schema: Record<string, unknown>): Tool["input_schema"] {
  return schema.type === "object" ? { ...schema, type: "object" } : { type: "object", properties: {} };
}

/**
 * The approved agent's enabled custom tools as the model sees them: name, description and input
 * schema. Never the URL, headers or secrets: the platform fills and calls the endpoint.
 */
export function customToolsFor(agent: AgentDefinition): Tool[] {
  return enabledCustomTools(agent).map((tool) => ({
    name: tool.name,
    description: [tool.displayName, tool.description, `Calls ${tool.integration.domain} through the platform.`].filter(Boolean).join(". "),
    input_schema: objectSchema(tool.inputSchema),
  }));
}

export const isCustomTool = (agent: AgentDefinition, name: string) => enabledCustomTools(agent).some((t) => t.name === name);

/**
 * One custom tool call: the input must be a JSON object; the platform checks the tool against the
 * approved agents.json, fills the template with the grant's credential and makes the guarded call.
 */
export async function runCustomTool(target: DataTarget, name: string, raw: unknown): Promise<ToolOutcome> {
  if (!isCustomTool(target.agent, name)) return refused(`Agent "${target.agent.id}" has no tool named ${name}.`);
  const input = toolInputSchema.safeParse(raw ?? {});
  if (!input.success) return refused(`Invalid input for ${name}: ${input.error.issues.map((i) => i.message).join("; ")}`);
  return forModel(await callPlatform(target, "tool-execute", { runId: target.runId, toolName: name, input: input.data }));
}
