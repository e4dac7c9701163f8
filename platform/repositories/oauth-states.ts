import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";

/**
 * A started OAuth connection, waiting for the provider's callback. Stored under the SHA-256 of the
 * `state` value (never the value itself), bound to the person and to a browser cookie, single use.
 */
export interface OAuthStateDoc {
  _id: string;
  workspaceId: string;
  userId: string;
  providerConfigId: string;
  /** The PKCE code verifier, sealed. */
  verifierSealed: string;
  /** SHA-256 of the browser-binding cookie set when the flow started. */
  bindingHash: string;
  redirectUri: string;
  returnTo: string;
  createdAt: Date;
  expiresAt: Date;
}

/** How long a person has to finish at the provider. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;
/** Unfinished attempts one person may have open in a workspace. */
export const MAX_OPEN_STATES = 20;

export class OAuthStatesRepository {
  private readonly states: CollectionClient<OAuthStateDoc>;
  constructor(env: Env) {
    this.states = new CollectionClient<OAuthStateDoc>(env, "oauth_authorization_states");
  }

  insert(state: OAuthStateDoc) {
    return this.states.insertOne(state);
  }

  /** Drops this person's expired attempts, then counts the open ones. */
  async openCount(workspaceId: string, userId: string): Promise<number> {
    await this.states.deleteMany({ workspaceId, userId, createdAt: { $lte: new Date(Date.now() - OAUTH_STATE_TTL_MS) } });
    return this.states.countDocuments({ workspaceId, userId });
  }

  /** Takes the state out (single use): only the one request whose delete succeeds gets it. */
  async take(stateHash: string, userId: string): Promise<OAuthStateDoc | null> {
    const state = await this.states.findOne({ _id: stateHash, userId });
    if (!state) return null;
    const { deletedCount } = await this.states.deleteOne({ workspaceId: state.workspaceId, userId, _id: stateHash });
    return deletedCount === 1 ? state : null;
  }
}
