import { iframeRequestSchema, type IframeRequest, type ParentMessage } from "../../../shared/bridge/protocol.ts";
import type { DataChangeEvent } from "../../../shared/api/app-data.ts";
import { acquireFeedFor, dataApi, type DataTarget } from "./data-api.ts";
import { ApiClientError, isApiError } from "../api/client.ts";

const CHUNK = 50;

function failure(error: unknown) {
  if (!(error instanceof ApiClientError)) return { code: "network_error", message: error instanceof Error ? error.message : String(error) };
  return { code: error.code, message: error.message, ...(error.retryAfterMs !== undefined ? { retryAfterMs: Math.round(error.retryAfterMs) } : {}) };
}

function toChangeMessage(event: DataChangeEvent): ParentMessage {
  switch (event.type) {
    case "insert":
      return { type: "second:data:change", collection: event.collection, operation: "insert", doc: event.doc, ...(event.mutationId ? { mutationId: event.mutationId } : {}) };
    case "update":
      return {
        type: "second:data:change",
        collection: event.collection,
        operation: "update",
        doc: event.doc,
        docId: event.docId,
        ...(event.mutationId ? { mutationId: event.mutationId } : {}),
      };
    case "delete":
      return { type: "second:data:change", collection: event.collection, operation: "delete", docId: event.docId };
    case "reset":
      return { type: "second:data:reset" };
  }
}

/**
 * The parent side of the iframe's data protocol (docs/wire-protocols.md#postmessage-bridge): answers data requests through REST and
 * forwards the shared live feed, in small chunks so a burst of agent writes cannot monopolise the
 * renderer. Messages are accepted only from this iframe's window and only when they match the schema.
 */
export function attachAppDataBridge(iframe: HTMLIFrameElement, target: DataTarget): () => void {
  const api = dataApi(target);
  const { feed, release } = acquireFeedFor(target);
  const queue: ParentMessage[] = [];
  let flushing = false;

  const post = (message: ParentMessage) => iframe.contentWindow?.postMessage(message, "*");

  const flush = () => {
    for (const message of queue.splice(0, CHUNK)) post(message);
    if (queue.length) setTimeout(flush, 0);
    else flushing = false;
  };
  const stopFeed = feed.onEvent((event) => {
    queue.push(toChangeMessage(event));
    if (!flushing) {
      flushing = true;
      setTimeout(flush, 0);
    }
  });

  async function answer(request: IframeRequest): Promise<ParentMessage | null> {
    const { requestId } = request;
    switch (request.type) {
      case "second:data:list":
        return api.list(request.collection, request.cursor).then(
          ({ docs, nextCursor }) => ({ type: "second:data:list-response", collection: request.collection, docs, nextCursor, requestId }),
          (error) => ({ type: "second:data:list-response", collection: request.collection, requestId, error: failure(error) }),
        );
      case "second:data:doc":
        return api.get(request.collection, request.docId).then(
          ({ doc }) => ({ type: "second:data:doc-response", collection: request.collection, doc, requestId }),
          (error) =>
            isApiError(error, "not_found")
              ? { type: "second:data:doc-response", collection: request.collection, doc: null, requestId }
              : { type: "second:data:doc-response", collection: request.collection, requestId, error: failure(error) },
        );
      case "second:data:insert":
        return api.insert(request.collection, request.data, request.mutationId).then(
          ({ doc }) => ({ type: "second:data:insert-response", collection: request.collection, doc, requestId }),
          (error) => ({ type: "second:data:insert-response", collection: request.collection, requestId, error: failure(error) }),
        );
      case "second:data:update":
        return api.update(request.collection, request.docId, request.data, request.mutationId).then(
          ({ doc }) => ({ type: "second:data:update-response", collection: request.collection, docId: request.docId, doc, requestId }),
          (error) => ({ type: "second:data:update-response", collection: request.collection, docId: request.docId, requestId, error: failure(error) }),
        );
      case "second:data:delete":
        return api.remove(request.collection, request.docId).then(
          () => ({ type: "second:data:delete-response", collection: request.collection, docId: request.docId, requestId }),
          (error) => ({ type: "second:data:delete-response", collection: request.collection, docId: request.docId, requestId, error: failure(error) }),
        );
      case "second:agent:trigger":
      case "second:agent:list":
        return null; // answered by the AppAgentBridge
      case "second:integration:execute":
        return null; // answered by the AppIntegrationBridge
    }
  }

  const onMessage = (event: MessageEvent) => {
    if (event.source !== iframe.contentWindow) return;
    const parsed = iframeRequestSchema.safeParse(event.data);
    if (!parsed.success) return;
    void answer(parsed.data).then((reply) => reply && post(reply));
  };
  window.addEventListener("message", onMessage);

  return () => {
    window.removeEventListener("message", onMessage);
    stopFeed();
    release();
  };
}
