import { dohResolver, type Resolver } from "./dns-resolver.ts";
import type { Env } from "../../platform/env.ts";
import type { OAuthTokenSource } from "./oauth-token-source.ts";
import { OAuthTokenError, oauthTokenSource } from "../oauth/token-source.ts";
import { ToolRefusal } from "./tool-refusal.ts";

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

/** A person without a usable account is a refused call (403 `tool_refused`), with the reason they can act on. */
function refusingWithoutAccount(source: OAuthTokenSource): OAuthTokenSource {
  return {
    async accessTokenFor(input) {
      try {
        return await source.accessTokenFor(input);
      } catch (error) {
        if (error instanceof OAuthTokenError) throw new ToolRefusal("oauth-not-connected", error.message);
        throw error;
      }
    },
  };
}

/** The platform's own: the network through fetch, DNS over HTTPS, and the people's connected OAuth accounts. */
export function platformToolDeps(env: Env): ToolDeps {
  const fetcher: typeof fetch = (input, init) => fetch(input, init);
  return {
    fetcher,
    resolver: dohResolver(fetcher),
    oauth: refusingWithoutAccount(oauthTokenSource(env)),
    timeoutMs: TOOL_TIMEOUT_MS,
    maxBytes: TOOL_MAX_RESPONSE_BYTES,
    maxRedirects: TOOL_MAX_REDIRECTS,
  };
}
