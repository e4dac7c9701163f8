import { z } from "zod";
import type { Tool } from "@anthropic-ai/sdk/resources/messages";
import type { AgentDefinition } from "../../../shared/agents/agents-json.ts";
import { docDataSchema, docIdSchema } from "../../../shared/api/app-data.ts";

/** Where the run's data calls go and as whom (the run's capability, bound to its collections). */
export interface DataTarget {
  platformUrl: string;
  capability: string;
  /** The run this capability was minted for (the platform reads who triggered it from its record). */
  runId: string;
  workspaceId: string;
  appId: string;
  version: "draft" | "published";
  agent: AgentDefinition;
}

export interface ToolOutcome {
  output: unknown;
  isError: boolean;
}

const readInput = z.object({ collection: z.string(), id: docIdSchema.optional() }).strict();
const writeInput = z.discriminatedUnion("operation", [
  z.object({ operation: z.literal("insert"), collection: z.string(), data: docDataSchema }).strict(),
  z.object({ operation: z.literal("update"), collection: z.string(), id: docIdSchema, data: docDataSchema }).strict(),
  z.object({ operation: z.literal("upsert"), collection: z.string(), id: docIdSchema, data: docDataSchema }).strict(),
  z.object({ operation: z.literal("delete"), collection: z.string(), id: docIdSchema }).strict(),
]);

/** The data tools an agent is offered: none unless it declares dataCollections. */
export function dataToolsFor(agent: AgentDefinition): Tool[] {
  if (agent.dataCollections.length === 0) return [];
  const collection = { type: "string", enum: agent.dataCollections, description: "One of the collections this agent may use." };
  return [
    {
      name: "read_app_data",
      description: "Read the app's documents: every document of a collection, or one by id.",
      input_schema: { type: "object", properties: { collection, id: { type: "string" } }, required: ["collection"] },
    },
    {
      name: "update_app_data",
      description: "Change the app's data: insert a document, update or upsert one by id (fields are merged), or delete one by id. Users of the app see changes live.",
      input_schema: {
        type: "object",
        properties: {
          operation: { type: "string", enum: ["insert", "update", "upsert", "delete"] },
          collection,
          id: { type: "string" },
          data: { type: "object", description: "The fields to write; names starting with _ are reserved." },
        },
        required: ["operation", "collection"],
      },
    },
  ];
}

export const refused = (message: string): ToolOutcome => ({ output: message, isError: true });

/** POST /api/internal/<path> as the run (its capability), naming the run's workspace, app, scope and agent. */
export async function callPlatform(target: DataTarget, path: string, body: object): Promise<ToolOutcome> {
  const response = await fetch(`${target.platformUrl.replace(/\/+$/, "")}/api/internal/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${target.capability}`, "content-type": "application/json" },
    body: JSON.stringify({ workspaceId: target.workspaceId, appId: target.appId, version: target.version, agentId: target.agent.id, ...body }),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: reported as text below
  }
  if (!response.ok) {
    const message = z.object({ error: z.object({ message: z.string() }) }).safeParse(json);
    return refused(`The platform refused: ${message.success ? message.data.error.message : `HTTP ${response.status}`}`);
  }
  return { output: json, isError: false };
}

/**
 * Runs one data tool call. The first of the two checks: the collection must be one the approved
 * agent declares (the platform checks again against the approval it holds).
 */
export async function runDataTool(target: DataTarget, name: string, raw: unknown): Promise<ToolOutcome> {
  if (name !== "read_app_data" && name !== "update_app_data") return refused(`Unknown tool ${name}.`);
  if (target.agent.dataCollections.length === 0) return refused(`Agent "${target.agent.id}" has no data access.`);
  const parsed = name === "read_app_data" ? readInput.safeParse(raw) : writeInput.safeParse(raw);
  if (!parsed.success) return refused(`Invalid input for ${name}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
  const input = parsed.data;
  if (!target.agent.dataCollections.includes(input.collection)) {
    return refused(`Agent "${target.agent.id}" may not use the "${input.collection}" collection (allowed: ${target.agent.dataCollections.join(", ")}).`);
  }
  if (!("operation" in input)) return callPlatform(target, "app-data-read", { collection: input.collection, ...(input.id ? { docId: input.id } : {}) });
  switch (input.operation) {
    case "insert":
      return callPlatform(target, "app-data-write", { operation: "insert", collection: input.collection, data: input.data });
    case "update":
    case "upsert":
      return callPlatform(target, "app-data-write", { operation: input.operation, collection: input.collection, filter: { _id: input.id }, data: input.data });
    case "delete":
      return callPlatform(target, "app-data-write", { operation: "delete", collection: input.collection, filter: { _id: input.id } });
  }
}
