import { hc } from "hono/client";
import type { AppType } from "@second/app-type";
import { reportingNetworkErrors, waitingOutRateLimits, type Fetch } from "../../../shared/api/http-client.ts";

export { ApiClientError, isApiError, ok, pathIds } from "../../../shared/api/http-client.ts";

// Looked up at call time, so a test (or a polyfill) that replaces fetch is honoured.
export const platformFetch: Fetch = reportingNetworkErrors((input, init) => fetch(input, init));

/** The typed client of the platform's HTTP API (docs/http-api.md), same-origin with the session cookie. */
const client = (fetchImpl: Fetch) => hc<AppType>("/", { fetch: fetchImpl, init: { credentials: "same-origin" } }).api;

/** For screens: a short 429 is waited out and the call sent again. */
export const api = client(waitingOutRateLimits(platformFetch));

/** For the app bridge, which answers a 429 itself (it pauses the app's writes). */
export const bridgeApi = client(platformFetch);

/** `Idempotency-Key` for a create that the API runs once per key: a repeat gets the first answer. */
export const once = (idempotencyKey: string) => ({ headers: { "Idempotency-Key": idempotencyKey } });
