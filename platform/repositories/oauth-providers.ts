import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";

/** A workspace's OAuth client for one provider. The client secret is stored sealed (worker/integrations/secret-box.ts). */
export interface OAuthProviderDoc {
  _id: string;
  workspaceId: string;
  providerKey: string;
  displayName: string;
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecretSealed: string;
  scopes: string[];
  /** The API host the tools that use this provider call; lower case. */
  domain: string;
  updatedByUserId: string;
  createdAt: Date;
  updatedAt: Date;
}

export type OAuthProviderFields = Pick<OAuthProviderDoc, "displayName" | "authorizeUrl" | "tokenUrl" | "clientId" | "scopes" | "domain" | "updatedByUserId"> & {
  /** Omitted: the stored secret is kept. */
  clientSecretSealed?: string;
};

/** oauth_provider_configs; always loaded by { workspaceId, ... }. */
export class OAuthProvidersRepository {
  private readonly providers: CollectionClient<OAuthProviderDoc>;
  constructor(env: Env) {
    this.providers = new CollectionClient<OAuthProviderDoc>(env, "oauth_provider_configs");
  }

  list(workspaceId: string) {
    return this.providers.find({ workspaceId }, { sort: { updatedAt: -1 }, limit: 200 });
  }

  byKey(workspaceId: string, providerKey: string) {
    return this.providers.findOne({ workspaceId, providerKey });
  }

  byId(workspaceId: string, id: string) {
    return this.providers.findOne({ workspaceId, _id: id });
  }

  byDomain(workspaceId: string, domain: string) {
    return this.providers.find({ workspaceId, domain: domain.toLowerCase() }, { limit: 50 });
  }

  /** Creates or replaces the config; a new config without a secret is refused by the route before this. */
  save(workspaceId: string, providerKey: string, fields: OAuthProviderFields) {
    const now = new Date();
    return this.providers.findOneAndUpdate(
      { workspaceId, providerKey },
      { $set: { ...fields, updatedAt: now }, $setOnInsert: { _id: newId("oap"), createdAt: now } },
      { upsert: true, returnDocument: "after" },
    );
  }

  remove(workspaceId: string, providerKey: string) {
    return this.providers.deleteOne({ workspaceId, providerKey });
  }
}
