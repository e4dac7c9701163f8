import type { ServerResponse } from "node:http";
import type { ErrorBody, ErrorCode } from "../../../shared/api/errors.ts";
import { errorStatus } from "../../../shared/api/errors.ts";

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The platform's error shape (docs/http-api.md#errors), so the Worker can pass runner errors straight through. */
export function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  const body: ErrorBody = { error: { code, message } };
  sendJson(res, errorStatus[code], body);
}
