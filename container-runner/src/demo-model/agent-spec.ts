import type { AppSpec } from "./spec.ts";
import { capitalize } from "./words.ts";
import { crmToolFor } from "./integration-spec.ts";

/** "… with an agent that scores leads", "…, and a scoring agent": the description asks for an agent. */
const AGENT_PHRASE = /(?:\s*[,;]?\s*(?:and|with|plus|including|also)?\s+)?\b(?:an?|one)\s+(?:[\w-]+\s+){0,2}agent\b(?:\s+(?:that|which|to|who)\s+[^,;.]*)?/i;

/** The description without its agent phrase, and whether it had one (the demo model plays one kind: a scorer). */
export function splitAgentPhrase(text: string): { rest: string; wantsAgent: boolean } {
  const match = AGENT_PHRASE.exec(text);
  if (!match) return { rest: text, wantsAgent: false };
  return { rest: `${text.slice(0, match.index)}${text.slice(match.index + match[0].length)}`.trim(), wantsAgent: true };
}

export const scorerFor = (item: string): NonNullable<AppSpec["agent"]> => ({ id: "scorer", name: `${capitalize(item)} scorer`.slice(0, 80) });

/** agents.json for the app: its scorer may read and write the app's collection and nothing else; its CRM lookup is an app tool. */
export function agentsJsonFor(spec: AppSpec): { agents: Record<string, unknown>[]; appTools?: Record<string, unknown>[] } {
  const appTools = spec.integration ? { appTools: [crmToolFor(spec.integration)] } : {};
  if (!spec.agent) return { agents: [], ...appTools };
  return {
    ...appTools,
    agents: [
      {
        id: spec.agent.id,
        name: spec.agent.name,
        description: `Gives every ${spec.item} without a score a score from 0 to 100 and a one-line summary.`,
        systemPrompt: `You score ${spec.item} entries. Read the ${spec.collection} collection; for every document without a "score", write "score" (0-100, how promising it looks) and "summary" (one short line). If the input asks you to go on until something arrives, keep checking for new documents until it has been scored.`,
        dataCollections: [spec.collection],
      },
    ],
  };
}
