import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./app-types.ts";
import { ApiError, RateLimitedError } from "../../platform/api-error.ts";
import type { ErrorBody } from "../../shared/api/errors.ts";
import { log } from "../../platform/log.ts";

export function errorResponse(c: Context<AppEnv>, error: ApiError): Response {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, requestId: c.var.requestId, ...(error.fields ? { fields: error.fields } : {}) },
  };
  if (error instanceof RateLimitedError) c.header("Retry-After", String(error.retryAfterSeconds));
  return c.json(body, error.status as ContentfulStatusCode);
}

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ApiError) return errorResponse(c, error);
  // Hono's own validator throws this for a body that is not JSON.
  if (error instanceof HTTPException && error.status === 400) return errorResponse(c, new ApiError("bad_request", "The request body is not valid JSON."));
  // Unknown errors are bugs: log everything, answer nothing internal.
  log("error", "unhandled error", {
    requestId: c.var.requestId,
    path: c.req.path,
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return errorResponse(c, new ApiError("internal_error", "Something went wrong on our side. The request id identifies it in the logs."));
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) => errorResponse(c, new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}.`));
