import type { Tool } from "@anthropic-ai/sdk/resources/messages";

const tool = {
  type: "object",
  properties: {
    name: { type: "string" },
    type: { type: "string", enum: ["builtin", "custom"] },
    displayName: { type: "string" },
    enabled: { type: "boolean" },
    integration: { type: "object", properties: { domain: { type: "string" }, keySlug: { type: "string" } } },
    endpoint: { type: "object", properties: { method: { type: "string" }, url: { type: "string" } } },
    inputSchema: { type: "object" },
  },
  required: ["name", "type"],
};

/** present_agents' input as the model sees it; the tool validates with the shared agents.json schema. */
export const agentsJsonInputSchema: Tool["input_schema"] = {
  type: "object",
  properties: {
    agents: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          description: { type: "string" },
          systemPrompt: { type: "string" },
          dataCollections: { type: "array", items: { type: "string" } },
          tools: { type: "array", items: tool },
          model: { type: "string" },
          schedule: { type: "object", properties: { cron: { type: "string" }, everyMinutes: { type: "integer" } } },
        },
        required: ["id", "name", "systemPrompt"],
      },
    },
    appTools: { type: "array", items: tool },
  },
  required: ["agents"],
};
