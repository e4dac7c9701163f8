import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "../../platform/api-error.ts";
import type { FieldIssue } from "../../shared/api/errors.ts";
import { jsonShapeIssue } from "../../shared/api/json-limits.ts";
import { fieldLabel, installHumanValidationMessages } from "../../shared/validation-messages.ts";

installHumanValidationMessages();

export function zodIssues(error: { issues: readonly z.core.$ZodIssue[] }): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message }));
}

export function invalid(error: { issues: readonly z.core.$ZodIssue[] }, what = "request body"): ApiError {
  const fields = zodIssues(error);
  const sentences = fields.map((f) => (f.path === "(body)" ? f.message : `${fieldLabel(f.path)}: ${f.message}`));
  return new ApiError("validation_failed", what === "request body" ? sentences.join(" ") : `The ${what} is invalid. ${sentences.join(" ")}`, fields);
}

/** Refuses a parsed body that no schema should see (too deep, `__proto__` keys) with a 400. */
export function assertJsonShape(value: unknown, what = "request body"): void {
  const issue = jsonShapeIssue(value);
  if (issue) throw new ApiError("validation_failed", `The ${what} is invalid: ${issue.path}: ${issue.message}`, [issue]);
}

function validated<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  assertJsonShape(raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** The JSON body of a route whose body fields are all optional: no body at all reads as `{}` (`optionalJsonBody`). */
export async function readOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  if (text.trim() === "") return validated(schema, {});
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
  return validated(schema, raw);
}
