import { BROKEN_LINE, FIXED_LINE, LEAD_TRACKER_APP } from "./lead-tracker-app.ts";

/** One scripted assistant message: text, then tool calls, and why it stopped. */
export interface ScriptedReply {
  text: string;
  toolCalls: { name: string; input: Record<string, unknown> }[];
}

type Block = { type: string; name?: string; text?: string; content?: unknown; is_error?: boolean };
type Message = { role: "user" | "assistant"; content: string | Block[] };

const lastToolNames = (messages: Message[]): string[] => {
  const assistant = [...messages].reverse().find((m) => m.role === "assistant");
  return Array.isArray(assistant?.content) ? assistant.content.filter((b) => b.type === "tool_use").map((b) => b.name ?? "") : [];
};

const lastBuildFailed = (messages: Message[]): boolean => {
  const results = messages.at(-1)?.content;
  return Array.isArray(results) && results.some((b) => b.type === "tool_result" && b.is_error === true);
};

/**
 * The demo model's decision, from the conversation alone: plan, write (with a type error) and
 * build, fix and rebuild, then sum up. Anything it was not scripted for gets an honest answer.
 */
export function nextReply(messages: Message[]): ScriptedReply {
  const last = messages.at(-1);
  const userTurns = messages.filter((m) => m.role === "user" && typeof m.content === "string").length;
  if (last && typeof last.content === "string") {
    if (userTurns > 1) {
      return {
        text: "I'm the offline demo model, and I only know how to build the lead tracker once. Set ANTHROPIC_API_KEY to work with Claude on changes like this one.",
        toolCalls: [],
      };
    }
    return {
      text: "I'll build a lead tracker: a form to add leads, a live list, and a status you can advance. Here is the plan.",
      toolCalls: [
        {
          name: "present_plan",
          input: {
            summary: "A live lead tracker for the sales team",
            steps: ["Store leads in the `leads` collection with useCollection", "Form to add a lead (name, company)", "List with status badges you can click to advance", "Open-lead count in the header"],
          },
        },
      ],
    };
  }
  const previous = lastToolNames(messages);
  const failedBuilds = messages.filter((m) => Array.isArray(m.content) && m.content.some((b) => b.type === "tool_result" && b.is_error === true)).length;
  if (failedBuilds > 1) {
    return { text: "The build still fails after my scripted fix, so I'm stopping here; the errors are in the build card above.", toolCalls: [] };
  }
  if (previous.includes("present_plan")) {
    return {
      text: "Writing the app now, then building it.",
      toolCalls: [
        { name: "write_file", input: { path: "src/App.tsx", content: LEAD_TRACKER_APP } },
        { name: "done_building", input: { summary: "Lead tracker, first version" } },
      ],
    };
  }
  if (previous.includes("done_building") && lastBuildFailed(messages)) {
    return {
      text: "The typecheck caught a mistake: the open count was turned into a string. Fixing it and building again.",
      toolCalls: [
        { name: "edit_file", input: { path: "src/App.tsx", old_text: BROKEN_LINE, new_text: FIXED_LINE } },
        { name: "done_building", input: { summary: "Lead tracker, type error fixed" } },
      ],
    };
  }
  return {
    text: "Your lead tracker is ready. Add leads with the form; click a status to move a lead from new to contacted to won. Everyone using the app sees changes live.",
    toolCalls: [],
  };
}
