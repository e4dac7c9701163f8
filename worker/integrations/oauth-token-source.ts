import { ToolRefusal } from "./tool-refusal.ts";

/**
 * Where OAuth tools get an access token: the connected account of one person (the user who
 * triggered an agent run, read from the server-side run record, or the app's current viewer) for
 * one grant. Implementations refresh on use and never hand the token anywhere but the executor.
 */
export interface OAuthTokenSource {
  accessTokenFor(input: { workspaceId: string; userId: string; domain: string; keySlug: string }): Promise<string>;
}

/** Until connected accounts exist, every OAuth tool call is refused with a clear rule. */
export const noOAuthAccounts: OAuthTokenSource = {
  async accessTokenFor(input) {
    throw new ToolRefusal("oauth-not-connected", `oauth account not connected: no account for ${input.domain} is connected for this person.`);
  },
};
