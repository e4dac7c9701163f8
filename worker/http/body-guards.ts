import { createMiddleware } from "hono/factory";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./app-types.ts";
import { ApiError } from "../../platform/api-error.ts";
import { IMPORT_MAX_BODY_BYTES } from "../../shared/api/app-import.ts";

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** A run's model call carries its whole conversation (written files included), as the Messages API allows. */
const MODEL_CALL_MAX_BODY_BYTES = 32 * 1024 * 1024;
const MODEL_CALL_PATH = "/api/internal/model/";
/** An app import carries the app's source files (their own limits are checked by the route's schema). */
const IMPORT_PATH = /^\/api\/workspaces\/[^/]+\/apps\/import$/;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function maxBodyBytes(value: string | undefined): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : DEFAULT_MAX_BODY_BYTES;
}

function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return req.headers.has("transfer-encoding") || req.body !== null;
}

/** 415 for a body that is not JSON: every body is JSON (docs/http-api.md#conventions). */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (BODY_METHODS.has(c.req.method) && hasBody(c.req.raw)) {
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json" && !type.endsWith("+json")) {
      throw new ApiError("unsupported_media_type", `Request bodies must be JSON (Content-Type: application/json), not "${type || "none"}".`);
    }
  }
  await next();
});

/** 413 before the body is read past the configured limit (streamed bodies included). */
export const limitBody = createMiddleware<AppEnv>(async (c, next) => {
  const maxSize = c.req.path.startsWith(MODEL_CALL_PATH)
    ? MODEL_CALL_MAX_BODY_BYTES
    : IMPORT_PATH.test(c.req.path)
      ? Math.max(IMPORT_MAX_BODY_BYTES, maxBodyBytes(c.env.MAX_BODY_BYTES))
      : maxBodyBytes(c.env.MAX_BODY_BYTES);
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError("payload_too_large", `The request body is larger than the limit of ${maxSize} bytes.`);
    },
  })(c, next);
});
