import type { FieldKind, FieldSpec } from "./spec.ts";
import { capitalize, keyOf, listItems } from "./words.ts";

/** A field as the user named it, before it gets a unique key. */
export type FieldDraft = Omit<FieldSpec, "key">;

const HINTS: [RegExp, FieldKind][] = [
  [/^(?:yes\/no|y\/n|checkbox|boolean|bool|true\/false|flag|toggle)$/, "boolean"],
  [/^(?:number|numeric|int|integer|count|decimal)$/, "number"],
  [/^(?:amount|money|currency|price|\$|€|£|dollars?|euros?)$/, "amount"],
  [/^(?:date|day|when)$/, "date"],
  [/^(?:e-?mail)$/, "email"],
  [/^(?:text|string|name)$/, "text"],
  [/^(?:long text|notes?|paragraph|textarea)$/, "longtext"],
];

const BY_NAME: [RegExp, FieldKind][] = [
  [/e-?mail/, "email"],
  [/\b(?:amount|price|cost|costs|total|budget|salary|revenue|fee|fees|spend|spent|value|deal size|expense|payment|invoice total)\b/, "amount"],
  [
    /^(?:is|has|needs?|was)\b|\?$|^(?:paid|done|approved|active|completed?|archived|urgent|billable|reimbursed|confirmed|verified|signed|shipped|attended|read|finished)$/,
    "boolean",
  ],
  [/\b(?:date|deadline|due|birthday|day|scheduled|expires|expiry|renewal|dob|on)$|\bdate\b/, "date"],
  [
    /\b(?:count|quantity|qty|number|pages?|hours?|minutes?|score|age|rating|size|weight|distance|km|miles|points|estimate|duration|stock|seats|headcount|percent|year|calories|reps|sets)\b/,
    "number",
  ],
  [/\b(?:notes?|description|comments?|details|summary|body|feedback|reason|bio)\b/, "longtext"],
];

const CHOICE_NAMES = /\b(?:status|stage|state|priority|category|type|kind|level|tier|severity|department|phase|size)\b/;

/** The workflow for a status field when none is named, from what the app is about. */
export function defaultWorkflow(context: string): string[] {
  const t = context.toLowerCase();
  if (/approv|request|expense|reimburs|leave|time off|purchase|vacation|refund/.test(t)) return ["pending", "approved", "rejected"];
  if (/ticket|bug|issue|support|incident|complaint/.test(t)) return ["open", "in progress", "resolved"];
  if (/lead|deal|prospect|sales|opportunit/.test(t)) return ["new", "contacted", "qualified", "won", "lost"];
  if (/candidate|applicant|hiring|recruit/.test(t)) return ["applied", "interviewing", "offer", "hired", "rejected"];
  if (/order|shipment|deliver/.test(t)) return ["placed", "shipped", "delivered"];
  if (/invoice|bill/.test(t)) return ["draft", "sent", "paid"];
  if (/book|read|course|movie|film/.test(t)) return ["to read", "reading", "done"];
  if (/content|post|article|blog/.test(t)) return ["idea", "draft", "review", "published"];
  return ["to do", "in progress", "done"];
}

const DEFAULT_CHOICES: Record<string, string[]> = {
  priority: ["low", "medium", "high"],
  severity: ["minor", "major", "critical"],
  size: ["S", "M", "L"],
};

/** "a (x, y)", "a: x / y / z", "a x → y → z", "a from x to y to z": the name and its choices. */
function splitChoices(phrase: string): { name: string; options?: string[]; hint?: string } {
  const paren = /^(.*?)\s*[([]\s*(.+?)\s*[)\]]\s*$/.exec(phrase);
  if (paren) {
    const inside = paren[2]!;
    const options = inside.split(/\s*(?:,|\/|\||→|->|>|\bor\b|\band\b)\s*/).filter(Boolean);
    if (options.length === 1 || HINTS.some(([re]) => re.test(inside.toLowerCase()))) return { name: paren[1]!, hint: inside.toLowerCase() };
    return { name: paren[1]!, options };
  }
  const from = phrase.search(/\s(?:workflow\s+)?from\s/i);
  if (from > 0 && /\sto\s/i.test(phrase.slice(from))) {
    return {
      name: phrase.slice(0, from),
      options: phrase
        .slice(phrase.toLowerCase().indexOf("from", from) + 4)
        .trim()
        .split(/\s+(?:to|then)\s+/i),
    };
  }
  const listed = phrase.split(/\s*(?:\/|\||→|->|>)\s*/);
  if (listed.length > 1) {
    // "status open / in progress / done", "type: new / returning": the name, then the first choice.
    const head = listed[0]!;
    const colon = head.indexOf(":");
    const words = head.split(/\s+/);
    const [name, first] =
      colon !== -1
        ? [head.slice(0, colon), head.slice(colon + 1)]
        : CHOICE_NAMES.test(words[0]!.toLowerCase())
          ? [words[0]!, words.slice(1).join(" ")]
          : [words.slice(0, -1).join(" "), words.at(-1)!];
    return { name, options: [first, ...listed.slice(1)] };
  }
  const typed = /^(.*?)\s+(?:as an?|as)\s+(.+)$/i.exec(phrase);
  if (typed && HINTS.some(([re]) => re.test(typed[2]!.toLowerCase()))) return { name: typed[1]!, hint: typed[2]!.toLowerCase() };
  return { name: phrase };
}

const cleanName = (name: string): string =>
  name
    .replace(/^(?:an?|the|its|their|his|her|our|my|some|optional|required|fields?|columns?|a field for|a column for|field|column)\s+/gi, "")
    .replace(/^(?:an?|the)\s+/i, "")
    .replace(/\s+(?:fields?|columns?|for each(?: one)?|for every.*|to (?:the )?(?:form|table|list|app|it))$/i, "")
    .replace(/\s+for\s+(?:the|our|my|a|an)\s+.*$/i, "")
    .replace(/[."'`!]+$/g, "")
    .replace(/^["'`]+/, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 60);

/** One field from its phrase ("amount", "priority (low, high)", "due date"), or null for noise. */
export function parseField(phrase: string, context: string): FieldDraft | null {
  // A field is named in a few words; a longer phrase is not a field (and keeps the parsing linear).
  if (phrase.length > 160) return null;
  const { name, options, hint } = splitChoices(phrase.trim());
  const label = cleanName(name);
  const lower = label.toLowerCase();
  if (!label || label.split(" ").length > 5 || /^(?:it|this|that|them|stuff|things|etc|more|others?)$/.test(lower)) return null;
  const cleanOptions = options?.map((o) => cleanName(o).toLowerCase().slice(0, 40)).filter(Boolean);
  if (cleanOptions && cleanOptions.length > 1) return { label: capitalize(label), kind: "choice", options: [...new Set(cleanOptions)].slice(0, 12) };
  const hinted = hint ? HINTS.find(([re]) => re.test(hint))?.[1] : undefined;
  if (hinted) return { label: capitalize(label), kind: hinted };
  if (CHOICE_NAMES.test(lower)) {
    const known = Object.entries(DEFAULT_CHOICES).find(([word]) => lower.includes(word))?.[1];
    if (known || /status|stage|state|phase/.test(lower)) return { label: capitalize(label), kind: "choice", options: known ?? defaultWorkflow(context) };
  }
  const kind = BY_NAME.find(([re]) => re.test(lower))?.[1] ?? "text";
  return { label: capitalize(label), kind };
}

/** Every field named in a list phrase ("amount, requester and status"). */
export const parseFieldList = (text: string, context: string): FieldDraft[] =>
  listItems(text)
    .map((phrase) => parseField(phrase, context))
    .filter((f): f is FieldDraft => f !== null);

/** Gives drafts unique keys that never start with "_" and never reuse a taken key. */
export function withKeys(drafts: FieldDraft[], taken: FieldSpec[]): FieldSpec[] {
  const used = new Set(taken.map((f) => f.key));
  const out: FieldSpec[] = [];
  for (const [i, draft] of drafts.entries()) {
    const base = keyOf(draft.label, `field${used.size + i + 1}`);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}${n}`;
    used.add(key);
    out.push({ key, ...draft });
  }
  return out;
}
