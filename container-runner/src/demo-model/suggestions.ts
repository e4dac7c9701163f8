import type { AppSpec } from "./spec.ts";
import { SPEC_PATH, readSpecSource } from "./spec.ts";

const has = (spec: AppSpec, test: (label: string, kind: string) => boolean) => spec.fields.some((f) => test(f.label.toLowerCase(), f.kind));

/**
 * Three next steps for the app, each a change the demo model's own change parser makes (a field,
 * a layout, a title), so a picked suggestion always builds.
 */
export function suggestionsFor(spec: AppSpec): string[] {
  const candidates = [
    has(spec, (l, k) => k === "longtext" || /^notes?$/.test(l)) ? null : "Add a notes field",
    spec.layout === "board" ? "Switch to a table" : "Switch to a board",
    has(spec, (_, k) => k === "date") ? null : "Add a due date field",
    has(spec, (l) => l === "priority") ? null : "Add a priority field (low, medium, high)",
    spec.layout === "log" ? null : "Switch to a log",
    `Rename the app to Team ${spec.title.toLowerCase()}`.slice(0, 120),
  ];
  return candidates.filter((c): c is string => c !== null).slice(0, 3);
}

type Call = { name?: string; input?: unknown };

/** The spec this turn wrote (from its own write_file calls), to suggest what comes next. */
export function specWrittenBy(calls: Call[]): AppSpec | null {
  const written = calls.findLast((c) => c.name === "write_file" && (c.input as { path?: unknown } | undefined)?.path === SPEC_PATH);
  const content = (written?.input as { content?: unknown } | undefined)?.content;
  if (typeof content !== "string") return null;
  const read = readSpecSource(content);
  return "spec" in read ? read.spec : null;
}
