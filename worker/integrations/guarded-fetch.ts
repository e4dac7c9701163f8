import { blockedAddressText } from "./address-rules.ts";
import type { Resolver } from "./dns-resolver.ts";
import { ToolFailure, ToolRefusal } from "./tool-refusal.ts";
import { checkUrl, type UrlPolicy } from "./url-rules.ts";

export interface GuardedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | null;
}

export interface GuardOptions {
  policy: UrlPolicy;
  resolver: Resolver;
  /** The network: the global fetch in production, an injected one in tests. */
  fetcher: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export interface GuardedResponse {
  status: number;
  contentType: string;
  bytes: Uint8Array;
  /** Every URL called, in order (the first, then each redirect target). */
  urls: string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Every address the name resolves to must be public, checked right before each request. */
async function assertPublicAddresses(host: string, resolver: Resolver): Promise<void> {
  let addresses: string[];
  try {
    addresses = await resolver.resolve(host);
  } catch (error) {
    if (error instanceof ToolRefusal) throw error;
    throw new ToolRefusal("dns-failed", `the name ${host} could not be looked up.`);
  }
  if (addresses.length === 0) throw new ToolRefusal("dns-failed", `the name ${host} has no addresses.`);
  for (const address of addresses) {
    const reason = blockedAddressText(address);
    if (reason) throw new ToolRefusal("private-address", `${host} resolves to ${address} (${reason}).`);
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new ToolFailure("too-large", `The upstream's answer is larger than ${maxBytes} bytes.`);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ToolFailure("too-large", `The upstream's answer is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * One tool request under the guard: URL rules, DNS answers checked, redirects followed by hand with
 * the same checks and only on the same host, one deadline for everything, a cap on the answer.
 * Nothing is sent before every check of that hop passed.
 */
export async function guardedFetch(request: GuardedRequest, options: GuardOptions): Promise<GuardedResponse> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const first = checkUrl(request.url, options.policy);
  let current = first;
  let method = request.method;
  let body = request.body;
  const headers = new Headers(request.headers);
  const urls: string[] = [];
  try {
    for (let hop = 0; ; hop++) {
      if (current.kind === "public") await assertPublicAddresses(current.url.hostname, options.resolver);
      urls.push(current.url.href);
      const response = await options.fetcher(current.url.href, { method, headers, body, redirect: "manual", signal: deadline });
      const location = response.headers.get("location");
      if (!REDIRECTS.has(response.status) || !location) {
        const bytes = await readCapped(response, options.maxBytes);
        return { status: response.status, contentType: response.headers.get("content-type") ?? "", bytes, urls };
      }
      await response.body?.cancel();
      if (hop >= options.maxRedirects) throw new ToolRefusal("redirect-limit", `the upstream redirected more than ${options.maxRedirects} times.`);
      let target: URL;
      try {
        target = new URL(location, current.url);
      } catch {
        throw new ToolRefusal("invalid-url", "the upstream redirected to an invalid URL.");
      }
      const next = checkUrl(target.href, options.policy);
      if (next.url.host !== first.url.host) throw new ToolRefusal("redirect-cross-host", `the upstream redirected from ${first.url.host} to ${next.url.host}.`);
      // Browsers' rule: 303, and 301/302 after a POST, continue as a GET without a body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
        method = "GET";
        body = null;
        headers.delete("content-type");
      }
      current = next;
    }
  } catch (error) {
    if (error instanceof ToolRefusal || error instanceof ToolFailure) throw error;
    if (deadline.aborted) throw new ToolFailure("timeout", `The upstream did not answer within ${Math.round(options.timeoutMs / 1000)} s.`);
    throw new ToolFailure("network", `The upstream could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
}
