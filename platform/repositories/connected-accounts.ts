import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";

/** One person's OAuth connection to one provider config of one workspace; tokens are stored sealed. */
export interface ConnectedAccountDoc {
  _id: string;
  workspaceId: string;
  userId: string;
  providerConfigId: string;
  providerKey: string;
  accessTokenSealed: string;
  refreshTokenSealed: string | null;
  /** When the access token stops working; null when the provider did not say. */
  expiresAt: Date | null;
  scopes: string[];
  /** `reconnect`: the provider refused to refresh; the person must connect again. */
  status: "connected" | "reconnect";
  connectedAt: Date;
  updatedAt: Date;
}

export type TokenFields = Pick<ConnectedAccountDoc, "accessTokenSealed" | "refreshTokenSealed" | "expiresAt" | "scopes">;

/** connected_accounts; always loaded by the owning user, with the workspace wherever it is known. */
export class ConnectedAccountsRepository {
  private readonly accounts: CollectionClient<ConnectedAccountDoc>;
  constructor(env: Env) {
    this.accounts = new CollectionClient<ConnectedAccountDoc>(env, "connected_accounts");
  }

  listForUser(workspaceId: string, userId: string) {
    return this.accounts.find({ workspaceId, userId }, { sort: { updatedAt: -1 }, limit: 200 });
  }

  find(workspaceId: string, userId: string, providerConfigId: string) {
    return this.accounts.findOne({ workspaceId, userId, providerConfigId });
  }

  countForProvider(workspaceId: string, providerKey: string) {
    return this.accounts.countDocuments({ workspaceId, providerKey });
  }

  /** One account per person and provider config: connecting again replaces the tokens. */
  connect(workspaceId: string, userId: string, provider: { _id: string; providerKey: string }, tokens: TokenFields) {
    const now = new Date();
    return this.accounts.findOneAndUpdate(
      { workspaceId, userId, providerConfigId: provider._id },
      { $set: { ...tokens, providerKey: provider.providerKey, status: "connected", connectedAt: now, updatedAt: now }, $setOnInsert: { _id: newId("oac") } },
      { upsert: true, returnDocument: "after" },
    );
  }

  /**
   * Stores refreshed tokens only if nobody refreshed since `sealedAccessTokenBefore` was read
   * (compare-and-set); null when another request won, whose tokens the caller then reads.
   */
  refreshed(account: ConnectedAccountDoc, tokens: TokenFields) {
    return this.accounts.findOneAndUpdate(
      { workspaceId: account.workspaceId, userId: account.userId, _id: account._id, accessTokenSealed: account.accessTokenSealed },
      { $set: { ...tokens, status: "connected", updatedAt: new Date() } },
      { returnDocument: "after" },
    );
  }

  markReconnect(account: ConnectedAccountDoc) {
    return this.accounts.updateOne(
      { workspaceId: account.workspaceId, userId: account.userId, _id: account._id, accessTokenSealed: account.accessTokenSealed },
      { $set: { status: "reconnect", updatedAt: new Date() } },
    );
  }

  /** The caller's own account only: another person's id matches nothing. */
  async disconnect(userId: string, id: string): Promise<ConnectedAccountDoc | null> {
    const account = await this.accounts.findOne({ userId, _id: id });
    if (!account) return null;
    const { deletedCount } = await this.accounts.deleteOne({ workspaceId: account.workspaceId, userId, _id: id });
    return deletedCount === 1 ? account : null;
  }

  removeForUser(workspaceId: string, userId: string) {
    return this.accounts.deleteMany({ workspaceId, userId });
  }

  removeForProvider(workspaceId: string, providerKey: string, providerConfigId: string) {
    return this.accounts.deleteMany({ workspaceId, providerKey, providerConfigId });
  }
}
