/**
 * Where the tool executor gets a user's OAuth access token for a grant's domain. The implementation
 * (worker/oauth/token-source.ts) reads that user's own connected account only, refreshing it when
 * it has expired, and throws when there is none: it never borrows another user's account.
 */
export interface OAuthTokenSource {
  accessTokenFor(input: { workspaceId: string; userId: string; domain: string; keySlug: string }): Promise<string>;
}
