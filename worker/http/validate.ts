import { zValidator } from "@hono/zod-validator";
import type { Context, Env, MiddlewareHandler } from "hono";
import type { z } from "zod";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { assertJsonShape, invalid, readOptionalJson } from "./read-json.ts";

/**
 * Route validators: the shared zod schemas become part of the route's type (and so of the `hc` client's),
 * and a failure is the same 400 `validation_failed` every route answers.
 */

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const isJsonRequest = (c: Context) => JSON_MEDIA_TYPE.test((c.req.header("content-type") ?? "").split(";")[0]!.trim());

/**
 * A JSON body the schema must accept. No body at all (Hono then validates `{}`) is refused like malformed
 * JSON; a body too deep or carrying `__proto__` keys is refused whatever the schema said (Hono caches the
 * parsed body, so this reads it once).
 */
export const jsonBody = <S extends z.ZodType>(schema: S) =>
  zValidator("json", schema, async (result, c) => {
    if (!isJsonRequest(c)) throw new ApiError("bad_request", "The request body is not valid JSON.");
    assertJsonShape(await c.req.json());
    if (!result.success) throw invalid(result.error);
  });

/** For bodies whose every field is optional: no body at all reads as `{}`. Typed like `jsonBody`. */
export const optionalJsonBody =
  <S extends z.ZodType<object>>(schema: S): MiddlewareHandler<Env, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> =>
  async (c, next) => {
    c.req.addValidatedData("json", await readOptionalJson(c, schema));
    await next();
  };

export const queryParams = <S extends z.ZodType>(schema: S) =>
  zValidator("query", schema, (result) => {
    if (!result.success) throw invalid(result.error, "query string");
  });

/** Path ids in the shape the platform issues; anything else cannot name a resource, so it is a 404 for `what`. */
export const pathParams = <S extends z.ZodType>(schema: S, what: string) =>
  zValidator("param", schema, (result) => {
    if (!result.success) throw notFound(what);
  });
