import { applyChanges } from "./changes.ts";
import { appFiles, kitFiles } from "./codegen.ts";
import { describeApp } from "./describe.ts";
import { agentsJsonFor } from "./agent-spec.ts";
import { integrationSetupFor } from "./integration-spec.ts";
import { type AppSpec, readSpecSource, SPEC_PATH } from "./spec.ts";
import { specWrittenBy, suggestionsFor } from "./suggestions.ts";

/** One assistant message of the demo model: text, then the tool calls it makes. */
export interface ScriptedReply {
  text: string;
  toolCalls: { name: string; input: Record<string, unknown> }[];
  /** Wait this long before answering (an agent that is waiting for something to happen). */
  pauseMs?: number;
}

type Block = { type: string; id?: string; name?: string; input?: unknown; text?: string; tool_use_id?: string; content?: unknown; is_error?: boolean };
export type Message = { role: "user" | "assistant"; content: string | Block[] };

const CAN_DO = "offline I can build an app from a description and add, remove or rename fields, change the title or switch between table, board and log";
const EXAMPLE = "“expense approvals with amount, requester and status”";

const say = (text: string): ScriptedReply => ({ text, toolCalls: [] });
const joinWords = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const resultText = (block: Block | undefined) =>
  typeof block?.content === "string" ? block.content : Array.isArray(block?.content) ? block.content.map((c: { text?: string }) => c.text ?? "").join("") : "";

function describePlan(spec: AppSpec): { text: string; steps: string[] } {
  const status = spec.fields.find((f) => f.key === spec.statusKey);
  const shape = spec.layout === "board" ? "a board with a column per step" : spec.layout === "log" ? "a log grouped by day" : "a table with filters";
  const workflow = status ? `, and a ${status.label.toLowerCase()} workflow (${status.options!.join(" → ")})` : "";
  const agent = spec.agent ? `, and ${spec.agent.name}, an agent that scores each ${spec.item} once an admin approves it` : "";
  const crm = spec.integration ? `, and a contact lookup in your CRM at ${spec.integration.domain} once an admin sets its API key` : "";
  return {
    text: `I'll build ${spec.title}: ${shape}, a form for ${joinWords(spec.fields.map((f) => f.label.toLowerCase()))}${workflow}${agent}${crm}.`,
    steps: [
      `Store each ${spec.item} in the \`${spec.collection}\` collection with useCollection`,
      `Form to add one: ${joinWords(spec.fields.map((f) => `${f.label} (${f.kind === "choice" ? "choice" : f.kind === "longtext" ? "long text" : f.kind === "boolean" ? "yes/no" : f.kind})`))}`,
      spec.layout === "board"
        ? `Board: a column per ${status?.label.toLowerCase() ?? "step"}, cards move between them`
        : spec.layout === "log"
          ? "Log: newest day first, with each day's totals"
          : "Table with inline status changes and totals",
      `Search across every field${status && spec.layout !== "board" ? `, filter by ${status.label.toLowerCase()}` : ""}`,
      ...(spec.agent ? [`${spec.agent.name}: an agent (agents.json) that writes a score and a summary on each ${spec.item}; the app starts it with useAgent`] : []),
      ...(spec.integration
        ? [
            `CRM at ${spec.integration.domain}: integration-setup.json asks an admin for its API key; the \`${spec.integration.toolName}\` app tool (agents.json) looks a contact up by email; the app calls it with callIntegrationTool`,
          ]
        : []),
    ],
  };
}

async function buildNew(spec: AppSpec, previous: AppSpec | null): Promise<ScriptedReply> {
  const plan = describePlan(spec);
  const files = await appFiles(spec);
  const stale = previous ? kitFiles(previous).filter((p) => !kitFiles(spec).includes(p)) : [];
  return {
    text: plan.text,
    toolCalls: [
      { name: "present_plan", input: { summary: `${spec.title}, built from your description`, steps: plan.steps } },
      ...files.map((f) => ({ name: "write_file", input: { path: f.path, content: f.content } })),
      ...stale.map((path) => ({ name: "delete_file", input: { path } })),
      ...(spec.integration || previous?.integration ? [{ name: "present_integration_setup", input: integrationSetupFor(spec) }] : []),
      ...(spec.agent || previous?.agent || spec.integration || previous?.integration ? [{ name: "present_agents", input: agentsJsonFor(spec) }] : []),
      { name: "done_building", input: { summary: `${spec.title}: ${plan.text.replace(/^I'll build [^:]+: /, "")}` } },
    ],
  };
}

async function change(previous: AppSpec, spec: AppSpec, done: string[], skipped: string[]): Promise<ScriptedReply> {
  const layoutChanged = previous.layout !== spec.layout;
  const files = await appFiles(spec, layoutChanged ? undefined : "app");
  const stale = layoutChanged ? kitFiles(previous).filter((p) => !kitFiles(spec).includes(p)) : [];
  const summary = done.join("; ");
  const refusal = skipped.length ? ` I left “${skipped.join("”, “")}” alone: ${CAN_DO}.` : "";
  return {
    text: `Updating ${spec.title}: ${summary}.${refusal}`,
    toolCalls: [
      ...files.map((f) => ({ name: "write_file", input: { path: f.path, content: f.content } })),
      ...stale.map((path) => ({ name: "delete_file", input: { path } })),
      { name: "done_building", input: { summary: summary[0]!.toUpperCase() + summary.slice(1) } },
    ],
  };
}

const NEW_APP = /^(?:please\s+)?(?:build|make|create|start over with|replace it with|instead)\b/i;

/**
 * The app as the conversation so far describes it, for when no spec was written yet (a stopped
 * turn): the first description starts it, later messages change it or start over.
 */
function replay(paragraphs: string[]): AppSpec | null {
  let spec: AppSpec | null = null;
  for (const paragraph of paragraphs) {
    if (!spec) {
      spec = describeApp(paragraph);
      continue;
    }
    const changed = applyChanges(spec, paragraph);
    if (changed.done.length) spec = changed.spec;
    else if (NEW_APP.test(paragraph)) spec = describeApp(paragraph) ?? spec;
  }
  return spec;
}

/** Decides what to do once the spec file's content (or its absence) is known. */
async function plan(asked: string[], specFile: { content: string } | null): Promise<ScriptedReply> {
  const paragraphs = asked
    .flatMap((text) => text.split(/\n{2,}/))
    .map((p) => p.trim())
    .filter(Boolean);
  const read = specFile ? readSpecSource(specFile.content) : null;
  const current = read && "spec" in read ? read.spec : null;
  const latest = asked.at(-1) ?? "";
  if (read && "problem" in read) {
    // Someone else changed the app: only an explicit request for a new app replaces it.
    const fresh = NEW_APP.test(latest.trim()) ? describeApp(latest) : null;
    if (fresh) return buildNew(fresh, null);
    return say(
      `I can't change this app offline because ${read.problem}; ask me to build a new one (for example “build ${EXAMPLE.slice(1, -1)}”) or set ANTHROPIC_API_KEY to work with Claude.`,
    );
  }
  if (!current) {
    const described = replay(paragraphs);
    if (!described) return say(`Describe the app you want in a sentence, for example ${EXAMPLE}, and I'll build it.`);
    return buildNew(described, null);
  }
  const result = applyChanges(current, latest);
  if (result.done.length === 0) {
    const fresh = NEW_APP.test(latest.trim()) ? describeApp(latest) : null;
    if (fresh) return buildNew(fresh, current);
    return say(`I can't do that as the offline demo model: ${CAN_DO} (set ANTHROPIC_API_KEY to work with Claude).`);
  }
  return change(current, result.spec, result.done, result.notUnderstood);
}

/**
 * The demo model's next message, from the conversation alone (never hidden state, so a stopped turn
 * leaves nothing behind): read the spec it wrote, then build or change the app, then sum up.
 */
export async function nextReply(messages: Message[]): Promise<ScriptedReply> {
  const askedAt = messages.findLastIndex((m) => m.role === "user" && typeof m.content === "string");
  const asked = messages.filter((m) => m.role === "user" && typeof m.content === "string").map((m) => String(m.content));
  const turn = messages.slice(askedAt + 1);
  if (turn.length === 0) return { text: "Let me look at the app first.", toolCalls: [{ name: "read_file", input: { path: SPEC_PATH } }] };

  const lastCalls = [...turn].reverse().find((m) => m.role === "assistant");
  const calls = Array.isArray(lastCalls?.content) ? lastCalls.content.filter((b) => b.type === "tool_use") : [];
  const results = turn.at(-1)?.role === "user" && Array.isArray(turn.at(-1)?.content) ? (turn.at(-1)!.content as Block[]) : [];
  const resultOf = (name: string) => {
    const call = calls.find((c) => c.name === name);
    return call ? results.find((r) => r.type === "tool_result" && r.tool_use_id === call.id) : undefined;
  };

  const specRead = resultOf("read_file");
  if (specRead) return plan(asked, specRead.is_error ? null : { content: resultText(specRead) });

  const build = resultOf("done_building");
  const summary = calls.find((c) => c.name === "done_building")?.input as { summary?: string } | undefined;
  if (build && !build.is_error) {
    const done = say(`Done. ${(summary?.summary ?? "The app is built").replace(/\.+$/, "")}. The preview shows the new version, and everyone using the app sees changes live.`);
    const written = specWrittenBy(turn.flatMap((m) => (m.role === "assistant" && Array.isArray(m.content) ? m.content.filter((b) => b.type === "tool_use") : [])));
    return written ? { ...done, toolCalls: [{ name: "show_suggestions", input: { suggestions: suggestionsFor(written) } }] } : done;
  }
  if (build)
    return say(
      "The build failed (the errors are in the build card above), and offline I can't fix code by hand: undo the last change or set ANTHROPIC_API_KEY to work with Claude.",
    );
  // The suggestions are the turn's last word.
  if (resultOf("show_suggestions")) return say("");
  return say("Done.");
}
