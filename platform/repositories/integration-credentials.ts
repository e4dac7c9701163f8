import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";

/**
 * The secret material of one grant (integration_credentials): each value sealed with the
 * platform's key (worker/integrations/secret-box.ts), bound to its grant and name. Looked up by
 * workspace, app and grant, so a credential never serves another app's grant.
 */
export interface IntegrationCredentialDoc {
  _id: string;
  workspaceId: string;
  appId: string;
  domain: string;
  /** The grant this credential belongs to (the catalog's lookup key for credentials). */
  capabilityFingerprint: string;
  secrets: Record<string, string>;
  updatedByUserId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What a sealed value is bound to: moving it to another grant, app or name makes it unreadable. */
export const secretContext = (c: { workspaceId: string; appId: string; grantId: string }, name: string) => `integration:${c.workspaceId}:${c.appId}:${c.grantId}:${name}`;

export class IntegrationCredentialsRepository {
  private readonly credentials: CollectionClient<IntegrationCredentialDoc>;
  constructor(env: Env) {
    this.credentials = new CollectionClient<IntegrationCredentialDoc>(env, "integration_credentials");
  }

  forGrant(workspaceId: string, appId: string, domain: string, grantId: string) {
    return this.credentials.findOne({ workspaceId, domain, capabilityFingerprint: grantId, appId });
  }

  /** Sets the named sealed values; the others the credential already holds are kept. */
  /** Sets the named sealed secrets of a grant's credential, keeping the others (as a write for a batch). */
  setSecretsOp(target: { workspaceId: string; appId: string; domain: string; grantId: string }, sealed: Record<string, string>, userId: string) {
    const now = new Date();
    const set = Object.fromEntries(Object.entries(sealed).map(([name, value]) => [`secrets.${name}`, value]));
    return this.credentials.op.findOneAndUpdate(
      { workspaceId: target.workspaceId, domain: target.domain, capabilityFingerprint: target.grantId, appId: target.appId },
      { $set: { ...set, updatedByUserId: userId, updatedAt: now }, $setOnInsert: { _id: newId("cred"), createdAt: now } },
      { upsert: true, returnDocument: "after" },
    );
  }

  removeForGrantOp(workspaceId: string, appId: string, domain: string, grantId: string) {
    return this.credentials.op.deleteMany({ workspaceId, domain, capabilityFingerprint: grantId, appId });
  }
}
