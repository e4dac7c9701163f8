import { z } from "zod";
import type { ScriptedReply } from "./script.ts";

/** The parts of an agent run's model request the demo agent reads. */
const agentRequestSchema = z
  .object({
    tools: z.array(z.object({ name: z.string(), input_schema: z.object({ properties: z.record(z.string(), z.unknown()) }).loose() }).loose()).optional(),
    messages: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.unknown() })),
    system: z.string().optional(),
  })
  .loose();

const collectionsSchema = z.object({ collection: z.object({ enum: z.array(z.string()) }).loose() }).loose();
const toolResultSchema = z.object({ type: z.literal("tool_result"), content: z.string(), is_error: z.boolean().optional() }).loose();
const toolUseSchema = z.object({ type: z.literal("tool_use"), name: z.string() }).loose();
const docsSchema = z.object({ docs: z.array(z.object({ _id: z.string() }).loose()) });

type Doc = z.infer<typeof docsSchema>["docs"][number];
type Messages = z.infer<typeof agentRequestSchema>["messages"];

const MAX_SCORED = 20;
/** How long a waiting agent lets pass between two looks at its collection, and how many looks it takes. */
const WAIT_PAUSE_MS = 1000;
const MAX_WAIT_CHECKS = 40;
/** "… until “Zed” arrives": the agent keeps scoring new documents until one mentioning Zed is scored. */
const UNTIL = /\buntil\s+[“"']?(.{1,80}?)[”"']?\s+(?:arrives|appears|is added|shows up)\b/i;

/** A score from what a lead says about itself: deterministic, so the demo is repeatable. */
function scoreOf(doc: Record<string, unknown>): number {
  let hash = 0;
  for (const char of textOf(doc)) hash = (hash * 31 + char.charCodeAt(0)) % 1000;
  return 40 + (hash % 61);
}

const textOf = (doc: Record<string, unknown>) =>
  Object.entries(doc)
    .filter(([key]) => !key.startsWith("_") && key !== "score" && key !== "summary")
    .map(([, value]) => String(value))
    .join(" ");

/** The tool calls the conversation made so far, by name. */
function callsSoFar(messages: Messages, name: string): number {
  return messages
    .filter((m) => m.role === "assistant" && Array.isArray(m.content))
    .flatMap((m) => m.content as unknown[])
    .filter((block) => toolUseSchema.safeParse(block).data?.name === name).length;
}

function scoreCalls(collection: string, docs: Doc[]): ScriptedReply["toolCalls"] {
  return docs.map((doc) => {
    const score = scoreOf(doc);
    return {
      name: "update_app_data",
      input: { operation: "update", collection, id: doc._id, data: { score, summary: score >= 70 ? "Promising: follow up this week." : "Keep warm." } },
    };
  });
}

const plural = (n: number) => `${n} document${n === 1 ? "" : "s"}`;

const DATA_TOOLS = new Set(["read_app_data", "update_app_data"]);

/** The JSON object a run was started with (the agent loop's first message), or {}. */
function runInput(messages: z.infer<typeof agentRequestSchema>["messages"]): Record<string, unknown> {
  const first = messages[0]?.content;
  const text = typeof first === "string" ? first : "";
  const json = text.slice(text.indexOf("\n") + 1);
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The demo agent with an integration tool and no data: it calls its first custom tool once with
 * the run's input, then reports what came back.
 */
function customToolReply(parsed: z.infer<typeof agentRequestSchema>, toolName: string): ScriptedReply {
  const last = parsed.messages.at(-1);
  const results = Array.isArray(last?.content) ? last.content.flatMap((block) => toolResultSchema.safeParse(block).data ?? []) : [];
  if (results.length === 0) return { text: `Calling ${toolName}.`, toolCalls: [{ name: toolName, input: runInput(parsed.messages) }] };
  const result = results[0]!;
  if (result.is_error) return { text: `I could not finish: ${result.content}`, toolCalls: [] };
  return { text: `Done: ${toolName} answered ${result.content.slice(0, 500)} (demo model, offline).`, toolCalls: [] };
}

/**
 * The offline demo model playing an app agent (a request that offers read_app_data): it reads its
 * first collection, writes a score and a summary on each unscored document, then reports. Asked to
 * go on "until X arrives", it keeps looking (a second apart, a bounded number of times) and scores
 * what comes in until a document mentioning X is scored. Returns null for requests that are not an
 * agent's, which the builder script answers.
 */
export function demoAgentReply(raw: unknown): ScriptedReply | null {
  const parsed = agentRequestSchema.safeParse(raw);
  if (!parsed.success) return null;
  const read = parsed.data.tools?.find((t) => t.name === "read_app_data");
  // An agent's request offers no builder tool; one with only integration tools calls the first.
  const custom = parsed.data.tools?.find((t) => !DATA_TOOLS.has(t.name));
  const isAgent = (parsed.data.system ?? "").includes("background agent of an internal app");
  if (!read && custom && isAgent) return customToolReply(parsed.data, custom.name);
  if (!read) return null;
  const collection = collectionsSchema.safeParse(read.input_schema.properties).data?.collection.enum[0];
  if (!collection) return null;
  const messages = parsed.data.messages;
  const first = messages[0]?.content;
  const waitFor = typeof first === "string" ? (UNTIL.exec(first)?.[1]?.trim() ?? null) : null;
  const last = messages.at(-1);
  const results = Array.isArray(last?.content) ? last.content.flatMap((block) => toolResultSchema.safeParse(block).data ?? []) : [];
  const readAgain = (text: string, pauseMs = 0): ScriptedReply => ({ text, toolCalls: [{ name: "read_app_data", input: { collection } }], ...(pauseMs ? { pauseMs } : {}) });
  if (last?.role === "user" && results.length === 0) return readAgain(`Reading the ${collection} collection.`);
  const failed = results.find((r) => r.is_error);
  if (failed) return { text: `I could not finish: ${failed.content}`, toolCalls: [] };
  const scored = callsSoFar(messages, "update_app_data");
  const done = `Done: I scored ${plural(scored)} in ${collection} (demo model, offline).`;
  let listing: z.infer<typeof docsSchema> | undefined;
  try {
    listing = docsSchema.safeParse(JSON.parse(results[0]?.content ?? "")).data;
  } catch {
    listing = undefined;
  }
  // After writing scores: done, or look again when waiting for a document.
  if (!listing) return waitFor ? readAgain("Looking for new documents.") : { text: done, toolCalls: [] };
  const unscored = listing.docs.filter((doc) => !("score" in doc)).slice(0, MAX_SCORED);
  if (unscored.length) return { text: `Scoring ${plural(unscored.length)}.`, toolCalls: scoreCalls(collection, unscored) };
  if (!waitFor) return { text: scored ? done : `Every document in ${collection} already has a score; nothing to do.`, toolCalls: [] };
  if (listing.docs.some((doc) => textOf(doc).toLowerCase().includes(waitFor.toLowerCase()))) return { text: done, toolCalls: [] };
  if (callsSoFar(messages, "read_app_data") >= MAX_WAIT_CHECKS)
    return { text: `I stopped waiting for “${waitFor}” after ${MAX_WAIT_CHECKS} looks. I scored ${plural(scored)} in ${collection}.`, toolCalls: [] };
  return readAgain(`Waiting for “${waitFor}”.`, WAIT_PAUSE_MS);
}
