import type { Env } from "../../platform/env.ts";
import { log } from "../../platform/log.ts";
import { OAuthProvidersRepository, type OAuthProviderDoc } from "../../platform/repositories/oauth-providers.ts";
import { ConnectedAccountsRepository, type ConnectedAccountDoc } from "../../platform/repositories/connected-accounts.ts";
import { openSecret } from "../integrations/secret-box.ts";
import type { OAuthTokenSource } from "../integrations/oauth-token-source.ts";
import { requestTokens, TokenEndpointError } from "./token-endpoint.ts";
import { tokenFields } from "./token-fields.ts";

/** A token is refreshed this long before it expires, so it does not run out on its way to the API. */
const EXPIRY_MARGIN_MS = 60_000;

export type OAuthTokenProblem = "provider_not_configured" | "not_connected" | "reconnect_required" | "refresh_failed";

/** Why no token could be given; the message says what a person should do, and never holds a token. */
export class OAuthTokenError extends Error {
  constructor(
    readonly problem: OAuthTokenProblem,
    message: string,
  ) {
    super(message);
    this.name = "OAuthTokenError";
  }
}

/** The workspace's provider for a grant: the one named by the grant's key slug, else the only one for its domain. */
async function providerFor(env: Env, workspaceId: string, domain: string, keySlug: string): Promise<OAuthProviderDoc> {
  const candidates = await new OAuthProvidersRepository(env).byDomain(workspaceId, domain);
  const chosen = candidates.find((p) => p.providerKey === keySlug) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (chosen) return chosen;
  throw new OAuthTokenError(
    "provider_not_configured",
    candidates.length === 0
      ? `No OAuth provider for ${domain} is configured in this workspace; an admin adds one in Settings → Integrations.`
      : `Several OAuth providers serve ${domain}; name one by giving it the key "${keySlug}".`,
  );
}

const fresh = (account: ConnectedAccountDoc) => account.expiresAt === null || account.expiresAt.getTime() - EXPIRY_MARGIN_MS > Date.now();

/**
 * Access tokens for tool calls (docs/security.md, OAuth): the account of exactly the user named,
 * refreshed through the provider's token endpoint when it has expired. A person who has not connected
 * gets a clear refusal; no other account is ever used in their place.
 */
export function oauthTokenSource(env: Env): OAuthTokenSource {
  const accounts = new ConnectedAccountsRepository(env);

  async function refresh(provider: OAuthProviderDoc, account: ConnectedAccountDoc): Promise<string> {
    const reconnect = new OAuthTokenError("reconnect_required", `Your ${provider.displayName} connection has expired; connect it again under Connected accounts.`);
    if (!account.refreshTokenSealed) {
      await accounts.markReconnect(account);
      throw reconnect;
    }
    let answer: Awaited<ReturnType<typeof requestTokens>>;
    try {
      answer = await requestTokens(
        env,
        provider.tokenUrl,
        { clientId: provider.clientId, clientSecret: await openSecret(env, provider.clientSecretSealed) },
        { grant_type: "refresh_token", refresh_token: await openSecret(env, account.refreshTokenSealed) },
      );
    } catch (error) {
      if (!(error instanceof TokenEndpointError)) throw error;
      log("warn", "oauth token refresh failed", { workspaceId: account.workspaceId, provider: provider.providerKey, reason: error.message });
      if (error.kind === "refused") {
        await accounts.markReconnect(account);
        throw reconnect;
      }
      throw new OAuthTokenError("refresh_failed", `${provider.displayName} could not refresh the connection just now; try again.`);
    }
    const stored = await accounts.refreshed(account, await tokenFields(env, answer, account.scopes, account.refreshTokenSealed));
    if (stored) return answer.access_token;
    // Another request refreshed first (a rotated refresh token would now be spent): use its token.
    const current = await accounts.find(account.workspaceId, account.userId, account.providerConfigId);
    if (current?.status === "connected" && fresh(current)) return openSecret(env, current.accessTokenSealed);
    throw new OAuthTokenError("refresh_failed", `${provider.displayName} could not refresh the connection just now; try again.`);
  }

  return {
    async accessTokenFor({ workspaceId, userId, domain, keySlug }) {
      const provider = await providerFor(env, workspaceId, domain.toLowerCase(), keySlug);
      const account = await accounts.find(workspaceId, userId, provider._id);
      if (!account) throw new OAuthTokenError("not_connected", `Connect your ${provider.displayName} account under Connected accounts first.`);
      if (account.status === "reconnect")
        throw new OAuthTokenError("reconnect_required", `Your ${provider.displayName} connection has expired; connect it again under Connected accounts.`);
      return fresh(account) ? openSecret(env, account.accessTokenSealed) : refresh(provider, account);
    },
  };
}
