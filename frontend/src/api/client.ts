import { errorBodySchema, type FieldIssue } from "../../../shared/api/errors.ts";
import { retryAfterMs } from "../../../shared/api/retry-after.ts";

/** An API error as docs/http-api.md#errors defines it, or a network failure (code "network_error"). */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
    /** rate_limited: how long the platform asked to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

/** A 429 is waited out (the platform did nothing, so sending again is safe) when the wait is short. */
const RATE_LIMIT_RETRIES = 2;
const MAX_WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function request<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestOnce<T>(method, path, body, extraHeaders);
    } catch (error) {
      const wait = error instanceof ApiClientError && error.code === "rate_limited" ? (error.retryAfterMs ?? 1000) : null;
      if (wait === null || wait > MAX_WAIT_MS || attempt >= RATE_LIMIT_RETRIES) throw error;
      await sleep(wait);
    }
  }
}

async function requestOnce<T>(method: string, path: string, body: unknown, extraHeaders: Record<string, string>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...extraHeaders },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiClientError(0, "network_error", `Cannot reach the platform: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiClientError(response.status, "bad_response", `The platform answered ${response.status} with something that is not JSON.`);
    }
  }
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    const wait = response.status === 429 ? (retryAfterMs(response.headers.get("retry-after")) ?? undefined) : undefined;
    if (parsed.success) throw new ApiClientError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.fields, wait);
    throw new ApiClientError(response.status, "http_error", `The platform answered ${response.status}.`);
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  /** A create that the API runs once per key: a repeat (double click, retry) gets the first answer. */
  create: <T>(path: string, body: unknown, idempotencyKey: string) => request<T>("POST", path, body, { "Idempotency-Key": idempotencyKey }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

export const isApiError = (error: unknown, code?: string): error is ApiClientError => error instanceof ApiClientError && (code === undefined || error.code === code);
