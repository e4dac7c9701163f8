import { ApiClientError, bridgeApi, ok, pathIds, platformFetch } from "../api/client.ts";
import type { Fetch } from "../../../shared/api/http-client.ts";
import { errorOf } from "../../../shared/api/http-client.ts";
import { acquireFeed } from "./shared-live-feed.ts";

export interface DataTarget {
  workspaceId: string;
  appId: string;
  version: "draft" | "published";
}

/**
 * After a 429 the platform's answer stands until its Retry-After has passed: writes in the meantime
 * are refused here, without a request, so an app that loops writes cannot keep hammering the API.
 */
class WritePause {
  private until = 0;

  check(): void {
    const left = this.until - Date.now();
    if (left > 0) throw new ApiClientError(429, "rate_limited", `Too many changes right now. Try again in ${Math.ceil(left / 1000)} s.`, [], left);
  }

  start(ms: number): void {
    this.until = Math.max(this.until, Date.now() + ms);
  }
}

const DEFAULT_PAUSE_MS = 1000;

/** The `fetch` option of a write: refused while paused; a 429 starts (or extends) the pause. */
function pausing(pause: WritePause): { fetch: Fetch } {
  return {
    fetch: async (input, init) => {
      pause.check();
      const response = await platformFetch(input, init);
      if (response.status === 429) {
        const error = await errorOf(response, DEFAULT_PAUSE_MS);
        pause.start(error.retryAfterMs ?? DEFAULT_PAUSE_MS);
        throw error;
      }
      return response;
    },
  };
}

const data = bridgeApi.workspaces[":wId"].apps[":aId"].data;

/** The REST calls of docs/http-api.md#app-data, for one app and version. */
export function dataApi(target: DataTarget) {
  const param = pathIds({ wId: target.workspaceId, aId: target.appId });
  const docParam = (docId: string) => ({ ...param, ...pathIds({ docId }) });
  const version = target.version;
  const pause = new WritePause();
  const write = pausing(pause);
  return {
    streamUrl: data.stream.$path({ param, query: { version } }),
    /** One page, newest update first; pass the previous page's nextCursor for the next one. */
    list: (collection: string, cursor?: string | null, limit?: number) =>
      ok(data.$get({ param, query: { version, collection, ...(cursor ? { cursor } : {}), ...(limit ? { limit: String(limit) } : {}) } })),
    /** The same, limit first (the Data tab's grid). */
    page: (collection: string, limit: number, cursor?: string) => ok(data.$get({ param, query: { version, collection, limit: String(limit), ...(cursor ? { cursor } : {}) } })),
    get: (collection: string, docId: string) => ok(data[":docId"].$get({ param: docParam(docId), query: { version, collection } })),
    insert: (collection: string, doc: Record<string, unknown>, mutationId?: string) =>
      ok(data.$post({ param, query: { version }, json: { collection, data: doc, ...(mutationId ? { mutationId } : {}) } }, write)),
    update: (collection: string, docId: string, doc: Record<string, unknown>, mutationId?: string) =>
      ok(data[":docId"].$patch({ param: docParam(docId), query: { version }, json: { collection, data: doc, ...(mutationId ? { mutationId } : {}) } }, write)),
    remove: (collection: string, docId: string) => ok(data[":docId"].$delete({ param: docParam(docId), query: { version, collection } }, write)),
    collections: () => ok(data.collections.$get({ param, query: { version } })),
  };
}

/** The browser-wide live feed of one app/version (one connection, shared by every tab and view). */
export function acquireFeedFor(target: DataTarget) {
  return acquireFeed(`${target.workspaceId}:${target.appId}:${target.version}`, dataApi(target).streamUrl);
}
