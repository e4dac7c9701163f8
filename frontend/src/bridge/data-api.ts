import { errorBodySchema } from "../../../shared/api/errors.ts";
import type { ClientDoc } from "../../../shared/api/app-data.ts";
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
  ) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    throw new DataApiError(parsed.success ? parsed.data.error.code : "http_error", parsed.success ? parsed.data.error.message : `HTTP ${response.status}`);
  }
  return json as T;
}

/** The REST calls of API.md's app data section, for one app and version. */
export function dataApi(target: DataTarget) {
  const base = `/api/workspaces/${target.workspaceId}/apps/${target.appId}/data`;
  const q = (extra: Record<string, string> = {}) => `?${new URLSearchParams({ version: target.version, ...extra })}`;
  return {
    streamUrl: `${base}/stream${q()}`,
    list: (collection: string) => call<{ docs: ClientDoc[] }>("GET", `${base}${q({ collection })}`),
    /** One page of a collection; `nextCursor` (when the API pages) fetches the next. */
    page: (collection: string, limit: number, cursor?: string) =>
      call<{ docs: ClientDoc[]; nextCursor?: string | null }>("GET", `${base}${q({ collection, limit: String(limit), ...(cursor ? { cursor } : {}) })}`),
    get: (collection: string, docId: string) => call<{ doc: ClientDoc }>("GET", `${base}/${encodeURIComponent(docId)}${q({ collection })}`),
    insert: (collection: string, data: Record<string, unknown>, mutationId?: string) =>
      call<{ doc: ClientDoc }>("POST", `${base}${q()}`, { collection, data, ...(mutationId ? { mutationId } : {}) }),
    update: (collection: string, docId: string, data: Record<string, unknown>, mutationId?: string) =>
      call<{ doc: ClientDoc }>("PATCH", `${base}/${encodeURIComponent(docId)}${q()}`, { collection, data, ...(mutationId ? { mutationId } : {}) }),
    remove: (collection: string, docId: string) => call<{ ok: true }>("DELETE", `${base}/${encodeURIComponent(docId)}${q({ collection })}`),
    collections: () => call<{ collections: { name: string; count: number }[] }>("GET", `${base}/collections${q()}`),
  };
}

/** The browser-wide live feed of one app/version (one connection, shared by every tab and view). */
export function acquireFeedFor(target: DataTarget) {
  return acquireFeed(`${target.workspaceId}:${target.appId}:${target.version}`, dataApi(target).streamUrl);
}
