import type { AppSpec, FieldKind, FieldSpec } from "./spec.ts";
import { defaultWorkflow, parseFieldList, withKeys } from "./field-phrases.ts";
import { layoutSubtitle } from "./describe.ts";
import { capitalize, keyOf, listItems, singular } from "./words.ts";

export interface ChangeResult {
  spec: AppSpec;
  /** What changed, in words, one entry per change. */
  done: string[];
  /** Clauses of the request that are not a change the demo model can make. */
  notUnderstood: string[];
}

const VERB_AHEAD = "(?=(?:also\\s+)?(?:add|remove|delete|drop|rename|change|call|make|switch|set|title|name|show|use|turn|hide|include|connect|send|integrate)\\b)";
const CLAUSES = new RegExp(`[.;!?\\n]+\\s*|\\s+(?:and then|then)\\s+|,?\\s+and\\s+${VERB_AHEAD}|,\\s*${VERB_AHEAD}`, "i");
const FILLER = /^(?:(?:please|pls|ok|okay|now|also|and|then|can you|could you|would you|i'd like to|i want to|let's|lets)[,]?\s+)+/i;
const unquote = (text: string) =>
  text
    .trim()
    .replace(/^["'“‘`]+|["'”’`.]+$/g, "")
    .trim();

const KIND_WORDS: [RegExp, FieldKind][] = [
  [/^(?:number|numeric|count|integer)$/, "number"],
  [/^(?:amount|money|currency|price)$/, "amount"],
  [/^(?:date)$/, "date"],
  [/^(?:checkbox|yes\/no|boolean|toggle|flag)$/, "boolean"],
  [/^(?:e-?mail(?: address)?)$/, "email"],
  [/^(?:text|short text)$/, "text"],
  [/^(?:long text|note|notes|paragraph|text area|textarea)$/, "longtext"],
];

function findField(spec: AppSpec, name: string): FieldSpec | undefined {
  const wanted = unquote(name)
    .toLowerCase()
    .replace(/^(?:the|a|an)\s+/, "")
    .replace(/\s+(?:fields?|columns?)$/, "");
  return (
    spec.fields.find((f) => f.label.toLowerCase() === wanted || f.key.toLowerCase() === wanted.replace(/\s+/g, "")) ??
    spec.fields.find((f) => singular(f.label.toLowerCase()) === singular(wanted) || f.key === keyOf(wanted, ""))
  );
}

/** Keeps the spec coherent after a change: a name field, a valid workflow field, a board with steps. */
function settle(spec: AppSpec, done: string[]): AppSpec {
  let fields = spec.fields;
  const primary = fields.find((f) => f.key === spec.primaryKey) ?? fields.find((f) => f.kind === "text") ?? fields.find((f) => f.kind === "email") ?? fields[0]!;
  let status = fields.find((f) => f.key === spec.statusKey && f.kind === "choice") ?? fields.find((f) => f.kind === "choice");
  if (!status && spec.layout === "board") {
    [status] = withKeys([{ label: "Status", kind: "choice", options: defaultWorkflow(`${spec.item} ${spec.title}`) }], fields);
    fields = [...fields, status!];
    done.push(`added a Status field (${status!.options!.join(", ")}) for the board's columns`);
  }
  const { statusKey: _dropped, ...rest } = spec;
  return { ...rest, fields, primaryKey: primary.key, ...(status ? { statusKey: status.key } : {}) };
}

type Step = (spec: AppSpec, clause: string, done: string[]) => AppSpec | null;

const retitle: Step = (spec, clause, done) => {
  const m =
    /^(?:change|set|rename|update|make)\s+(?:the\s+)?(?:app'?s?\s+|page\s+)?(?:title|name|heading)(?:\s+of\s+(?:the|this)\s+app)?\s+(?:to|as|into)\s+(.+)$/i.exec(clause) ??
    /^(?:rename|call|name|title|retitle)\s+(?:it|the app|this app|the page|this)\s+(?:to\s+|as\s+)?(.+)$/i.exec(clause) ??
    /^(?:title|app name)\s*[:=]\s*(.+)$/i.exec(clause);
  const title = m ? unquote(m[1]!).slice(0, 80) : "";
  if (!title) return null;
  done.push(`renamed the app to “${title}”`);
  return { ...spec, title };
};

const relayout: Step = (spec, clause, done) => {
  const m =
    /^(?:make|switch|change|turn|show|display|use|convert)\s+(?:it|this|the app|the view)?\s*(?:in)?(?:to|into|as|back to)?\s*(?:a|an)?\s*(kanban|board|table|list|spreadsheet|log|journal|timeline)(?:\s+(?:view|layout|board|instead))*$/i.exec(
      clause,
    );
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  const layout: AppSpec["layout"] = /kanban|board/.test(word) ? "board" : /log|journal|timeline/.test(word) ? "log" : "table";
  done.push(`switched to a ${layout === "board" ? "board" : layout === "log" ? "log" : "table"} layout`);
  const withDate = layout === "log" && !spec.fields.some((f) => f.kind === "date") ? [...spec.fields, ...withKeys([{ label: "Date", kind: "date" }], spec.fields)] : spec.fields;
  return { ...spec, layout, subtitle: layoutSubtitle(layout), fields: withDate };
};

const retype: Step = (spec, clause, done) => {
  const m = /^(?:make|change|turn|set)\s+(?:the\s+)?(.+?)(?:\s+(?:field|column))?\s+(?:into\s+|to\s+)?(?:a|an)\s+(.+?)(?:\s+(?:field|column))?$/i.exec(clause);
  const field = m ? findField(spec, m[1]!) : undefined;
  const kind = m ? KIND_WORDS.find(([re]) => re.test(m[2]!.toLowerCase()))?.[1] : undefined;
  if (!field || !kind) return null;
  done.push(`made ${field.label} a ${kind === "longtext" ? "long text" : kind === "boolean" ? "yes/no" : kind} field`);
  return { ...spec, fields: spec.fields.map((f) => (f === field ? { key: f.key, label: f.label, kind } : f)) };
};

const renameField: Step = (spec, clause, done) => {
  const m = /^(?:rename|change|call)\s+(?:the\s+)?(.+?)(?:\s+(?:field|column))?\s+(?:to|into|as)\s+(.+)$/i.exec(clause);
  const field = m ? findField(spec, m[1]!) : undefined;
  const label = m ? capitalize(unquote(m[2]!).replace(/\s+(?:field|column)$/i, "")).slice(0, 60) : "";
  if (!field || !label) return null;
  done.push(`renamed ${field.label} to ${label} (existing entries keep their values)`);
  return { ...spec, fields: spec.fields.map((f) => (f === field ? { ...f, label } : f)) };
};

const removeFields: Step = (spec, clause, done) => {
  const m =
    /^(?:remove|delete|drop|hide|get rid of|take out|take away|lose)\s+(?:the\s+)?(.+?)(?:\s+(?:fields?|columns?))?(?:\s+(?:field|column))?(?:\s+from\s+(?:the\s+)?(?:form|table|app|list|board))?$/i.exec(
      clause,
    );
  if (!m) return null;
  const fields = listItems(m[1]!).map((name) => findField(spec, name));
  if (fields.length === 0 || fields.some((f) => !f)) return null;
  const gone = new Set(fields.map((f) => f!.key));
  const left = spec.fields.filter((f) => !gone.has(f.key));
  if (left.length === 0) return null;
  done.push(`removed ${fields.map((f) => f!.label).join(", ")} (stored values stay in the data)`);
  return { ...spec, fields: left };
};

/** Features, not fields: asking to "add" one is not a change the demo model can make. */
const NOT_FIELDS =
  /^(?:an?\s+)?(?:filters?|search|sorting|sort|charts?|graphs?|export|import|login|auth\w*|buttons?|pages?|tabs?|dashboards?|(?:email )?notifications?|reminders?|integrations?|dark mode|pagination|permissions?|agents?)\b/i;

const addFields: Step = (spec, clause, done) => {
  const m =
    /^(?:add|include|also track|track|put in|we need|i need|i want|give (?:it|me|us))\s+(?:(?:a|an|the|some)\s+)?(?:new\s+)?(?:(?:fields?|columns?)\s+(?:for|called|named)?\s*)?(.+)$/i.exec(
      clause,
    );
  if (!m) return null;
  if (NOT_FIELDS.test(m[1]!)) return null;
  const context = `${spec.item} ${spec.title}`;
  const drafts = parseFieldList(m[1]!, context).filter((d) => {
    if (!findField(spec, d.label)) return true;
    done.push(`${d.label} was already there`);
    return false;
  });
  if (drafts.length === 0) return done.length ? spec : null;
  const added = withKeys(drafts, spec.fields);
  done.push(
    `added ${added.map((f) => `${f.label} (${f.kind === "choice" ? f.options!.join(" / ") : f.kind === "longtext" ? "long text" : f.kind === "boolean" ? "yes/no" : f.kind})`).join(", ")}`,
  );
  return { ...spec, fields: [...spec.fields, ...added] };
};

const STEPS: Step[] = [retitle, relayout, retype, renameField, removeFields, addFields];

/** Applies a follow-up ("add a notes field, rename requester to employee") to the spec. */
export function applyChanges(spec: AppSpec, request: string): ChangeResult {
  const done: string[] = [];
  const notUnderstood: string[] = [];
  let current = spec;
  for (const raw of request.slice(0, 2000).split(CLAUSES)) {
    const clause = (raw ?? "").replace(FILLER, "").trim();
    if (!clause) continue;
    // A change is a short sentence; longer clauses are not parsed (and keep the parsing linear).
    const next = clause.length > 200 ? null : STEPS.reduce<AppSpec | null>((found, step) => found ?? step(current, clause, done), null);
    if (next) current = next;
    else notUnderstood.push(clause.length > 60 ? `${clause.slice(0, 57)}…` : clause);
  }
  return { spec: settle(current, done), done, notUnderstood };
}
