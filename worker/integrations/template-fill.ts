import { ApiError } from "../../platform/api-error.ts";
import { ToolRefusal } from "./tool-refusal.ts";

/**
 * Fills a custom tool's endpoint template with `{{input.x}}` and `{{secrets.name}}`, escaped for
 * where each lands: URL-encoded in the URL, raw (then refused on CR/LF) in header values, and
 * JSON-encoded in the body, where a string that is exactly one `{{input.x}}` takes the input's
 * JSON value. Input is looked up by own properties only.
 */
const PLACEHOLDER = /\{\{\s*(input|secrets)\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;
const WHOLE = /^\{\{\s*input\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\s*\}\}$/;

export interface TemplateValues {
  input: Record<string, unknown>;
  secrets: Record<string, string>;
}

function inputAt(input: Record<string, unknown>, path: string): unknown {
  let value: unknown = input;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) {
      throw new ApiError("validation_failed", `The tool needs input.${path}.`, [{ path: `input.${path}`, message: "required by the tool" }]);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function scalar(value: unknown, path: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new ApiError("validation_failed", `input.${path} must be a string, number or boolean here.`, [{ path: `input.${path}`, message: "must be a scalar" }]);
}

function secretValue(values: TemplateValues, name: string): string {
  if (!Object.hasOwn(values.secrets, name)) throw new ToolRefusal("secret-missing", `the secret "${name}" is not set on this app's integration.`);
  return values.secrets[name]!;
}

function fill(text: string, values: TemplateValues, encode: (s: string) => string): string {
  return text.replace(PLACEHOLDER, (_match, kind: string, path: string) => encode(kind === "secrets" ? secretValue(values, path) : scalar(inputAt(values.input, path), path)));
}

export const fillUrl = (template: string, values: TemplateValues) => fill(template, values, encodeURIComponent);
export const fillHeader = (template: string, values: TemplateValues) => fill(template, values, (s) => s);

export function fillBody(template: unknown, values: TemplateValues): unknown {
  if (typeof template === "string") {
    const whole = WHOLE.exec(template);
    if (whole) return inputAt(values.input, whole[1]!);
    return fill(template, values, (s) => s);
  }
  if (Array.isArray(template)) return template.map((item) => fillBody(item, values));
  if (typeof template === "object" && template !== null) {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillBody(value, values)]));
  }
  return template;
}

/** The secret names a template refers to (only those are opened). */
export function secretNamesIn(...parts: unknown[]): Set<string> {
  const names = new Set<string>();
  const text = JSON.stringify(parts);
  for (const match of text.matchAll(PLACEHOLDER)) if (match[1] === "secrets") names.add(match[2]!);
  return names;
}
