import type { Env } from "../../platform/env.ts";
import { sealSecret } from "../integrations/secret-box.ts";
import type { TokenFields } from "../../platform/repositories/connected-accounts.ts";
import type { TokenResponse } from "../../shared/api/oauth.ts";

/**
 * A token endpoint's answer as stored: both tokens sealed, the expiry as a date. A refresh answer
 * without a new refresh token keeps the old one (`keptRefreshSealed`); the granted scopes are the
 * answer's, or the requested ones when it names none (RFC 6749 §5.1).
 */
export async function tokenFields(env: Env, tokens: TokenResponse, requestedScopes: string[], keptRefreshSealed: string | null): Promise<TokenFields> {
  return {
    accessTokenSealed: await sealSecret(env, tokens.access_token),
    refreshTokenSealed: tokens.refresh_token ? await sealSecret(env, tokens.refresh_token) : keptRefreshSealed,
    expiresAt: tokens.expires_in ? new Date(Date.now() + tokens.expires_in * 1000) : null,
    scopes: tokens.scope ? tokens.scope.split(/\s+/).filter(Boolean).slice(0, 50) : requestedScopes,
  };
}
