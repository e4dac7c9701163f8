import { validator } from "hono/validator";
import type { z } from "zod";
import { describeIssues, RunnerError } from "./errors.ts";

/** Path parameters checked against a shared schema: anything else is a 400, never a 500. */
export const validParams = <S extends z.ZodType>(schema: S) =>
  validator("param", (value): z.infer<S> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new RunnerError("validation_failed", `Invalid path: ${describeIssues(parsed.error)}`);
    return parsed.data;
  });

/** A JSON body checked against a shared schema (malformed JSON is a 400 too). */
export const validJson = <S extends z.ZodType>(schema: S, what: string) =>
  validator("json", (value): z.infer<S> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new RunnerError("validation_failed", `Invalid ${what}: ${describeIssues(parsed.error)}`);
    return parsed.data;
  });
