import { exports } from "cloudflare:workers";
import { createApp } from "../../../worker/app.ts";

/** One HTTP endpoint of the Worker, as the Hono app declares it. */
export interface Endpoint {
  method: string;
  /** Hono's pattern, e.g. /api/workspaces/:wId/apps/:aId */
  path: string;
  params: string[];
}

const PARAM = /:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g;

/**
 * Every endpoint of the app, read from Hono's route table, so a route added later is covered
 * without touching the tests. Middleware (handlers that take `next`) is not an endpoint.
 */
export function endpoints(): Endpoint[] {
  const found = new Map<string, Endpoint>();
  for (const route of createApp().routes) {
    const isMiddleware = route.method === "ALL" && route.handler.length >= 2;
    if (isMiddleware) continue;
    for (const method of route.method === "ALL" ? ["GET", "POST"] : [route.method]) {
      const key = `${method} ${route.path}`;
      if (!found.has(key)) found.set(key, { method, path: route.path, params: [...route.path.matchAll(PARAM)].map((m) => m[1]!) });
    }
  }
  return [...found.values()];
}

/** The path with every `:param` (and `*`) replaced by an already URL-safe segment. */
export function fillPath(endpoint: Endpoint, segmentFor: (param: string, index: number) => string): string {
  let index = 0;
  return endpoint.path.replace(PARAM, (_match, name: string) => segmentFor(name, index++)).replaceAll("*", "x");
}

export const label = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.path}`;

export interface Sent {
  status: number;
  body: unknown;
}

/**
 * Sends a request to the Worker and reads the answer without ever waiting on a stream: event
 * streams are cancelled after the status, WebSocket upgrades are accepted and closed.
 */
export async function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Sent> {
  const init: RequestInit = { method, headers };
  if (body !== undefined && method !== "GET" && method !== "HEAD") init.body = body;
  const response = await exports.default.fetch(new Request(`http://example.com${path}`, init));
  if (response.webSocket) {
    response.webSocket.accept();
    response.webSocket.close(1000, "test");
    return { status: response.status, body: null };
  }
  if ((response.headers.get("content-type") ?? "").includes("text/event-stream")) {
    await response.body?.cancel();
    return { status: response.status, body: null };
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON; the caller sees the text.
  }
  return { status: response.status, body: parsed };
}
