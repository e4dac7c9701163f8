import { errorStatus, type ErrorCode, type FieldIssue } from "../shared/api/errors.ts";

/** An error that becomes an error response (docs/http-api.md#errors); anything else thrown is a 500. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
  ) {
    super(message);
    this.name = "ApiError";
    this.status = errorStatus[code];
  }
}

export const notFound = (what = "resource") => new ApiError("not_found", `The ${what} does not exist or you cannot see it.`);
export const forbidden = (permission: string) => new ApiError("forbidden", `Your role does not include the "${permission}" permission.`);

/** 429: answered with `Retry-After` (seconds) so clients know when to try again. */
export class RateLimitedError extends ApiError {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super("rate_limited", message);
  }
}
