import type { AppSpec, FieldSpec } from "./spec.ts";
import { defaultWorkflow, parseFieldList, withKeys, type FieldDraft } from "./field-phrases.ts";
import { capitalize, collectionOf, onLastWord, plural, singular } from "./words.ts";
import { scorerFor, splitAgentPhrase } from "./agent-spec.ts";
import { splitCrmPhrase } from "./integration-spec.ts";

const SHAPE_WORDS =
  "app|application|tool|system|tracker|board|kanban board|kanban|log|logbook|journal|diary|list|database|db|manager|dashboard|crm|register|inventory|catalog|directory|planner|queue|pipeline|portal";
const LEADING =
  /^(?:(?:please|hey|hi|ok|okay)[,!]?\s+)*(?:(?:can|could|would|will) you\s+)?(?:(?:build|make|create|set up|setup|give|write|generate|design|start)(?: me| us)?|i(?:'d| would)? (?:need|want|like)|we(?:'d| would)? (?:need|want|like)|need|want|let'?s (?:build|make)|track|manage|keep track of|organi[sz]e|record|log|list)?\s*(?:(?:a|an|the|some|one|my|our|all)\s+)?(?:(?:simple|small|little|new|basic|quick|nice|internal|shared|team)\s+)*/i;
const FIELDS_START =
  /\s+(?:with|including|includes|that (?:has|have|tracks?|stores?|records?|keeps?)|which (?:has|have|tracks?)|having|tracking|containing|where each (?:one|entry|item) has)\s+|\s*:\s+|\s+[-–—]\s+/i;
const PRONOUN = /^(?:it|this|that|something|anything|stuff|things?|one|me|us)$/i;

export type Layout = AppSpec["layout"];

function layoutOf(text: string): Layout {
  if (/\b(?:kanban|board|pipeline)\b/i.test(text)) return "board";
  if (/\b(?:log|logbook|journal|diary)\b/i.test(text)) return "log";
  return "table";
}

/** "lead tracker for the sales team" → entity "lead", shape word "tracker"; "app to track expenses" → "expenses". */
function entityOf(head: string): Entity | null {
  let h = head
    .replace(LEADING, "")
    .replace(/[.!?]+$/, "")
    .trim();
  const purpose = new RegExp(
    `^(?:${SHAPE_WORDS})\\s+(?:to|for|that)\\s+(?:(?:track|manage|log|record|keep track of|organi[sz]e|handle|collect|store|review|approve|plan|list)s?\\s+)?(?:(?:our|my|the|all|team|company)\\s+)?(.+)$`,
    "i",
  ).exec(h);
  if (purpose) return tidy(purpose[1]!, null);
  const of = new RegExp(`^(.+?)\\s+(${SHAPE_WORDS})\\s+(?:of|for)(?!\\s+(?:the|our|my|a|an|all|team|people|everyone)\\b)\\s+(.+)$`, "i").exec(h);
  if (of) return tidy(of[3]!, `${of[1]} ${of[2]}`);
  h = h.replace(/\s+for\s+(?:the|our|my|a|an|all|team|people)\b.*$/i, "");
  const shaped = new RegExp(`^(.*?)\\s*\\b(${SHAPE_WORDS})$`, "i").exec(h);
  if (shaped?.[1]) return tidy(shaped[1], `${shaped[1]} ${shaped[2]}`);
  // Only a shape word ("inventory: …"): the app is about its items.
  if (shaped) return /^(?:app|application|tool|system|dashboard|portal)$/i.test(shaped[2]!) ? null : { entity: shaped[2]!.toLowerCase(), shapeWord: shaped[2]!, generic: true };
  return tidy(h, null);
}

interface Entity {
  entity: string;
  /** The title as the user put it ("lead tracker"), when they named the kind of app. */
  shapeWord: string | null;
  /** The app is named by its kind only ("inventory"): entries are just "items". */
  generic?: boolean;
}

function tidy(entity: string, titled: string | null): Entity | null {
  const words = entity
    .replace(/\s+for\s+(?:the|our|my|a|an|all)\b.*$/i, "")
    .replace(new RegExp(`^(?:kanban|${SHAPE_WORDS})\\s+(?:of|for)\\s+`, "i"), "")
    .replace(/[^\p{L}\p{N}' -]/gu, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 4 || PRONOUN.test(words.join(" "))) return null;
  return { entity: words.join(" ").toLowerCase(), shapeWord: titled };
}

/** Fields for a description that names none, from what it is about. */
function defaultFields(entity: string): FieldDraft[] {
  const status = (options: string[]): FieldDraft => ({ label: "Status", kind: "choice", options });
  if (/lead|deal|prospect/.test(entity))
    return [
      { label: "Name", kind: "text" },
      { label: "Company", kind: "text" },
      { label: "Email", kind: "email" },
      { label: "Value", kind: "amount" },
      status(defaultWorkflow(entity)),
    ];
  if (/expense|purchase|reimburs/.test(entity))
    return [{ label: "Description", kind: "text" }, { label: "Amount", kind: "amount" }, { label: "Date", kind: "date" }, status(defaultWorkflow(entity))];
  if (/task|todo|to-do|chore|ticket|bug|issue/.test(entity))
    return [{ label: "Title", kind: "text" }, { label: "Assignee", kind: "text" }, { label: "Due date", kind: "date" }, status(defaultWorkflow(entity))];
  if (/contact|people|person|customer|client|member|employee/.test(entity))
    return [
      { label: "Name", kind: "text" },
      { label: "Email", kind: "email" },
      { label: "Company", kind: "text" },
      { label: "Notes", kind: "longtext" },
    ];
  if (/book|reading/.test(entity))
    return [{ label: "Title", kind: "text" }, { label: "Author", kind: "text" }, { label: "Pages", kind: "number" }, status(defaultWorkflow(entity))];
  return [
    { label: "Name", kind: "text" },
    { label: "Notes", kind: "longtext" },
  ];
}

const primaryLabel = (entity: string): string =>
  /ticket|task|bug|issue|story|post|article|book|idea|todo|event|meeting/.test(entity)
    ? "Title"
    : /expense|purchase|transaction|payment|refund/.test(entity)
      ? "Description"
      : "Name";

/** Completes a field list: a name to show, a workflow where one is implied, a date for a log. */
export function completeFields(fields: FieldSpec[], entity: string, layout: Layout): { fields: FieldSpec[]; primaryKey: string; statusKey?: string } {
  let all = fields;
  const named = all.find((f) => f.kind === "text" || f.kind === "email");
  if (!named) all = [...withKeys([{ label: primaryLabel(entity), kind: "text" }], all), ...all];
  let status = all.find((f) => f.kind === "choice" && /status|stage|state|phase/i.test(f.label)) ?? all.find((f) => f.kind === "choice");
  if (!status && (layout === "board" || /approv|request/.test(entity))) {
    [status] = withKeys([{ label: "Status", kind: "choice", options: defaultWorkflow(entity) }], all);
    all = [...all, status!];
  }
  if (layout === "log" && !all.some((f) => f.kind === "date")) all = [...all, ...withKeys([{ label: "Date", kind: "date" }], all)];
  const primary = all.find((f) => f.kind === "text") ?? all.find((f) => f.kind === "email") ?? all[0]!;
  return { fields: all, primaryKey: primary.key, ...(status ? { statusKey: status.key } : {}) };
}

const SUBTITLES: Record<Layout, string> = {
  table: "Add, filter and update entries; everyone sees changes live.",
  board: "Move cards through the workflow; everyone sees changes live.",
  log: "Log entries as they happen, newest day first; everyone sees them live.",
};

/** An app spec from a description, or null when the text does not describe an app. */
export function describeApp(text: string): AppSpec | null {
  const { rest: withoutCrm, integration } = splitCrmPhrase(text.replace(/\s+/g, " ").trim().slice(0, 2000));
  const { rest: description, wantsAgent } = splitAgentPhrase(withoutCrm);
  const split = FIELDS_START.exec(description);
  const head = split ? description.slice(0, split.index) : description;
  const rest = split ? description.slice(split.index + split[0].length) : "";
  // What the app is about fits in a short phrase; a longer one is not parsed (it keeps parsing linear).
  const found = head.length > 200 ? null : entityOf(head);
  // Without a verb, a kind of app or a field list, it is a remark, not a description.
  const asksForApp = split !== null || LEADING.exec(head)?.[0].trim() || new RegExp(`\\b(?:${SHAPE_WORDS})\\b`, "i").test(head);
  if (!found || !asksForApp) return null;
  const layout = layoutOf(head);
  const entityPlural = onLastWord(found.entity, (w) => (singular(w) === w ? plural(w) : w));
  const item = found.generic ? "item" : onLastWord(found.entity, singular);
  const context = `${found.entity} ${description}`;
  const drafts = parseFieldList(rest, context);
  const complete = completeFields(withKeys(drafts.length ? drafts : defaultFields(found.entity), []), found.entity, layout);
  return {
    title: capitalize((found.shapeWord ?? entityPlural).toLowerCase()).slice(0, 80),
    subtitle: SUBTITLES[layout],
    item: item.slice(0, 60),
    collection: collectionOf(found.generic ? found.entity : entityPlural),
    layout,
    ...complete,
    ...(wantsAgent ? { agent: scorerFor(item) } : {}),
    ...(integration ? { integration } : {}),
  };
}

export const layoutSubtitle = (layout: Layout): string => SUBTITLES[layout];
