import { errorBodySchema } from "../../../shared/api/errors.ts";
import type { ClientDoc, DataPage } from "../../../shared/api/app-data.ts";
import { retryAfterMs } from "../../../shared/api/retry-after.ts";
import { acquireFeed } from "./shared-live-feed.ts";

export interface DataTarget {
  workspaceId: string;
  appId: string;
  version: "draft" | "published";
}

export class DataApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** rate_limited: how long the platform asked to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * After a 429 the platform's answer stands until its Retry-After has passed: writes in the meantime
 * are refused here, without a request, so an app that loops writes cannot keep hammering the API.
 */
class WritePause {
  private until = 0;

  check(): void {
    const left = this.until - Date.now();
    if (left > 0) throw new DataApiError("rate_limited", `Too many changes right now. Try again in ${Math.ceil(left / 1000)} s.`, left);
  }

  start(ms: number): void {
    this.until = Math.max(this.until, Date.now() + ms);
  }
}

const DEFAULT_PAUSE_MS = 1000;

async function call<T>(method: string, url: string, body?: unknown, pause?: WritePause): Promise<T> {
  pause?.check();
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    const wait = response.status === 429 ? (retryAfterMs(response.headers.get("retry-after")) ?? DEFAULT_PAUSE_MS) : undefined;
    if (wait !== undefined) pause?.start(wait);
    throw new DataApiError(parsed.success ? parsed.data.error.code : "http_error", parsed.success ? parsed.data.error.message : `HTTP ${response.status}`, wait);
  }
  return json as T;
}

/** The REST calls of docs/http-api.md#app-data, for one app and version. */
export function dataApi(target: DataTarget) {
  const base = `/api/workspaces/${target.workspaceId}/apps/${target.appId}/data`;
  const q = (extra: Record<string, string> = {}) => `?${new URLSearchParams({ version: target.version, ...extra })}`;
  const pause = new WritePause();
  return {
    streamUrl: `${base}/stream${q()}`,
    /** One page, newest update first; pass the previous page's nextCursor for the next one. */
    list: (collection: string, cursor?: string | null, limit?: number) =>
      call<DataPage>("GET", `${base}${q({ collection, ...(cursor ? { cursor } : {}), ...(limit ? { limit: String(limit) } : {}) })}`),
    /** The same, limit first (the Data tab's grid). */
    page: (collection: string, limit: number, cursor?: string) => call<DataPage>("GET", `${base}${q({ collection, limit: String(limit), ...(cursor ? { cursor } : {}) })}`),
    get: (collection: string, docId: string) => call<{ doc: ClientDoc }>("GET", `${base}/${encodeURIComponent(docId)}${q({ collection })}`),
    insert: (collection: string, data: Record<string, unknown>, mutationId?: string) =>
      call<{ doc: ClientDoc }>("POST", `${base}${q()}`, { collection, data, ...(mutationId ? { mutationId } : {}) }, pause),
    update: (collection: string, docId: string, data: Record<string, unknown>, mutationId?: string) =>
      call<{ doc: ClientDoc }>("PATCH", `${base}/${encodeURIComponent(docId)}${q()}`, { collection, data, ...(mutationId ? { mutationId } : {}) }, pause),
    remove: (collection: string, docId: string) => call<{ ok: true }>("DELETE", `${base}/${encodeURIComponent(docId)}${q({ collection })}`, undefined, pause),
    collections: () => call<{ collections: { name: string; count: number }[] }>("GET", `${base}/collections${q()}`),
  };
}

/** The browser-wide live feed of one app/version (one connection, shared by every tab and view). */
export function acquireFeedFor(target: DataTarget) {
  return acquireFeed(`${target.workspaceId}:${target.appId}:${target.version}`, dataApi(target).streamUrl);
}
