import type { Env } from "../../platform/env.ts";
import { OAuthProvidersRepository } from "../../platform/repositories/oauth-providers.ts";

type Provider = { providerKey: string; domain: string };

/**
 * Whether a workspace's providers serve an OAuth grant: the one whose key is the grant's key slug, or
 * the only one for its domain (the rule the token source resolves a token by). Until one does, the
 * grant needs setup by an admin; afterwards each person still connects their own account.
 */
export function providerServes(providers: readonly Provider[], grant: { domain: string; keySlug: string }): boolean {
  const forDomain = providers.filter((p) => p.domain === grant.domain.toLowerCase());
  return forDomain.some((p) => p.providerKey === grant.keySlug) || forDomain.length === 1;
}

/** The predicate for a workspace's grants, reading its providers once. */
export async function oauthReadiness(env: Env, workspaceId: string): Promise<(grant: { domain: string; keySlug: string }) => boolean> {
  const providers = await new OAuthProvidersRepository(env).list(workspaceId);
  return (grant) => providerServes(providers, grant);
}
