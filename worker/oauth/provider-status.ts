import type { Env } from "../env.ts";
import { OAuthProvidersRepository } from "../repositories/oauth-providers.ts";

/**
 * Whether an OAuth grant can work in its workspace: a provider serves its domain (the one named by
 * its key slug, or the only one for that domain), the same rule the token source resolves by. Until
 * then the grant needs setup by an admin; afterwards each person still connects their own account.
 */
export async function oauthGrantConfigured(env: Env, workspaceId: string, grant: { domain: string; keySlug: string }): Promise<boolean> {
  const candidates = await new OAuthProvidersRepository(env).byDomain(workspaceId, grant.domain);
  return candidates.some((p) => p.providerKey === grant.keySlug) || candidates.length === 1;
}
