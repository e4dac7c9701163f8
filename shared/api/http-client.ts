import type { ClientResponse } from "hono/client";
import type { ResponseFormat } from "hono/types";
import { errorBodySchema, type FieldIssue } from "./errors.ts";
import { retryAfterMs } from "./retry-after.ts";

/**
 * The one client-side view of an API error (docs/http-api.md#errors): the status, the code and message
 * the platform answered, or `network_error` (status 0) when it could not be reached, or `bad_response`
 * when the answer was not the JSON it should be.
 */
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

export const isApiError = (error: unknown, code?: string): error is ApiClientError => error instanceof ApiClientError && (code === undefined || error.code === code);

/** What reading an answer needs of it (a Response, or an `hc` call's typed answer). */
export interface AnswerHead {
  ok: boolean;
  status: number;
  headers: Headers;
  json(): Promise<unknown>;
}

/** The error an answer that is not a success stands for; `defaultRetryAfterMs` fills in a 429 without Retry-After. */
export async function errorOf(response: AnswerHead, defaultRetryAfterMs?: number): Promise<ApiClientError> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
  const wait = response.status === 429 ? (retryAfterMs(response.headers.get("retry-after")) ?? defaultRetryAfterMs) : undefined;
  if (parsed.success) return new ApiClientError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.fields, wait);
  return new ApiClientError(response.status, "http_error", `The platform answered ${response.status}.`, [], wait);
}

/** The JSON bodies a route's typed answers can carry (its CSV or stream answers carry none). */
export type JsonBodyOf<R> = R extends ClientResponse<infer T, number, "json"> ? T : never;

/** The typed body of a successful JSON answer of an `hc` call; any other answer throws an ApiClientError. */
export async function ok<R extends ClientResponse<unknown, number, ResponseFormat>>(pending: Promise<R>): Promise<JsonBodyOf<R>> {
  const response = await pending;
  if (!response.ok) throw await errorOf(response);
  const body: unknown = await response.json().catch(() => {
    throw new ApiClientError(response.status, "bad_response", `The platform answered ${response.status} with something that is not JSON.`);
  });
  // The route's own declared answer: the Worker's types are the contract, so this is the one place it is trusted.
  return body as JsonBodyOf<R>;
}

export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** A fetch whose failure to reach the platform is an ApiClientError `network_error`. */
export const reportingNetworkErrors =
  (fetchImpl: Fetch): Fetch =>
  async (input, init) => {
    try {
      return await fetchImpl(input, init);
    } catch (error) {
      throw new ApiClientError(0, "network_error", `Cannot reach the platform: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

const RATE_LIMIT_RETRIES = 2;
const MAX_WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fetch that waits out a 429 and sends again (the platform did nothing, so that is safe) when the wait
 * is short; a long wait, or a third refusal, is answered as it came.
 */
export const waitingOutRateLimits =
  (fetchImpl: Fetch): Fetch =>
  async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      const response = await fetchImpl(input, init);
      if (response.status !== 429 || attempt >= RATE_LIMIT_RETRIES) return response;
      const wait = retryAfterMs(response.headers.get("retry-after")) ?? 1000;
      if (wait > MAX_WAIT_MS) return response;
      await response.body?.cancel();
      await sleep(wait);
    }
  };

/** Path parameters as URL segments: `hc` puts them into the path as they are, so ids are encoded here. */
export const pathIds = <T extends Record<string, string>>(params: T): T => {
  const encoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) encoded[key] = encodeURIComponent(value);
  return encoded as T;
};
