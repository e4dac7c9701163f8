import type { Context } from "hono";
import type { z } from "zod";
import { errorStatus, type ErrorBody, type ErrorCode } from "../../../shared/api/errors.ts";

/** An error the runner answers in the platform's error shape, so the Worker can pass it through. */
export class RunnerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RunnerError";
  }
}

export function errorResponse(code: ErrorCode, message: string): Response {
  const body: ErrorBody = { error: { code, message } };
  return Response.json(body, { status: errorStatus[code] });
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`).join("; ");
}

export const notFoundRoute = (c: Context) => errorResponse("not_found", `No route for ${c.req.method} ${c.req.path}.`);
