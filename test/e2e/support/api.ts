import { hc } from "hono/client";
import type { Page } from "playwright-core";
import type { AppType } from "@second/app-type";

import { ok } from "../../../shared/api/http-client.ts";
import { builderTurnCapability } from "../../support/capabilities.ts";

export { ok };

/**
 * The typed API client (the frontend's `hc<AppType>`) sending through a browser page's request context,
 * so calls carry that person's session cookie, as their own page's calls would.
 */
export function pageApi(baseUrl: string, page: Page) {
  const viaPage = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const answer = await page.request.fetch(request.url, { method: request.method, headers: Object.fromEntries(request.headers), ...(body ? { data: body } : {}) });
    const bytes = await answer.body();
    return new Response(bytes.length > 0 ? new Uint8Array(bytes) : null, { status: answer.status(), headers: answer.headers() });
  };
  return hc<AppType>(baseUrl, { fetch: viaPage }).api;
}

/** The typed client for the internal routes, with a capability (or relay token) as the bearer. */
export const internalApi = (baseUrl: string, bearer: string) => hc<AppType>(baseUrl, { headers: { authorization: `Bearer ${bearer}` } }).api.internal;

/** Saves an app's draft the way a finished builder turn does (the runner's call-back, with the turn's capability). */
export async function saveDraftSnapshot(platform: { url: string; capabilityKey: string }, workspaceId: string, appId: string, files: Record<string, string>): Promise<void> {
  const capability = await builderTurnCapability(platform.capabilityKey, { workspaceId, appId });
  await ok(internalApi(platform.url, capability)["app-snapshots"].$post({ json: { workspaceId, appId, files } }));
}
