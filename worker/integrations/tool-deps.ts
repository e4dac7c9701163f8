import { dohResolver, type Resolver } from "./dns-resolver.ts";
import { noOAuthAccounts, type OAuthTokenSource } from "./oauth-token-source.ts";

/** What the executor reaches the world with; tests hand in their own. */
export interface ToolDeps {
  fetcher: typeof fetch;
  resolver: Resolver;
  oauth: OAuthTokenSource;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const TOOL_TIMEOUT_MS = 15_000;
export const TOOL_MAX_RESPONSE_BYTES = 1024 * 1024;
export const TOOL_MAX_REDIRECTS = 3;

/** The platform's own: the network through fetch, DNS over HTTPS, and the OAuth accounts. */
export function platformToolDeps(): ToolDeps {
  const fetcher: typeof fetch = (input, init) => fetch(input, init);
  return { fetcher, resolver: dohResolver(fetcher), oauth: noOAuthAccounts, timeoutMs: TOOL_TIMEOUT_MS, maxBytes: TOOL_MAX_RESPONSE_BYTES, maxRedirects: TOOL_MAX_REDIRECTS };
}
