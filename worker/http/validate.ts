import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { assertJsonShape, invalid } from "./read-json.ts";

/**
 * Route validators: the shared zod schemas become part of the route's type (and so of the `hc` client's),
 * and a failure is the same 400 `validation_failed` every route answers. JSON bodies are also refused when
 * too deep or carrying `__proto__` keys; Hono caches the parsed body, so this reads it once.
 */
export const jsonBody = <S extends z.ZodType>(schema: S) =>
  zValidator("json", schema, async (result, c) => {
    assertJsonShape(await c.req.json());
    if (!result.success) throw invalid(result.error);
  });

export const queryParams = <S extends z.ZodType>(schema: S) =>
  zValidator("query", schema, (result) => {
    if (!result.success) throw invalid(result.error, "query string");
  });
