import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { AuthMode, IntegrationRequest } from "../../shared/integrations/setup.ts";
import type { GrantStatus, IntegrationGrant } from "../../shared/integrations/grant.ts";

/** One app-scoped integration grant (integrations): what one app asked for, keyed by domain + keySlug. */
export interface IntegrationGrantDoc {
  _id: string;
  workspaceId: string;
  appId: string;
  domain: string;
  keySlug: string;
  authMode: AuthMode;
  displayName: string;
  permissionGroups: string[];
  setupSteps: string[];
  secrets: { name: string; label: string }[];
  /** Names of the secrets an admin has set (the values live sealed in integration_credentials). */
  configuredSecrets: string[];
  requestedBy: { userId: string; displayName: string };
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Configured: every named secret set, or for an OAuth grant a workspace provider that serves it (each
 * person then connects their own account at call time; docs/decisions/0024).
 */
export function grantStatus(grant: Pick<IntegrationGrantDoc, "authMode" | "secrets" | "configuredSecrets">, oauthProviderReady: boolean): GrantStatus {
  if (grant.authMode === "oauth") return oauthProviderReady ? "configured" : "needs_setup";
  return grant.secrets.every((s) => grant.configuredSecrets.includes(s.name)) ? "configured" : "needs_setup";
}

export const toIntegrationGrant = (g: IntegrationGrantDoc, status: GrantStatus): IntegrationGrant => ({
  id: g._id,
  appId: g.appId,
  domain: g.domain,
  keySlug: g.keySlug,
  authMode: g.authMode,
  displayName: g.displayName,
  permissionGroups: g.permissionGroups,
  setupSteps: g.setupSteps,
  secrets: g.secrets.map((s) => ({ name: s.name, label: s.label, set: g.configuredSecrets.includes(s.name) })),
  status,
  requestedBy: g.requestedBy,
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});

const LIST_LIMIT = 500;

/** Grants are always read with their workspace and app: one app's grant never serves another app. */
export class IntegrationGrantsRepository {
  private readonly grants: CollectionClient<IntegrationGrantDoc>;
  constructor(env: Env) {
    this.grants = new CollectionClient<IntegrationGrantDoc>(env, "integrations");
  }

  listForApp(workspaceId: string, appId: string) {
    return this.grants.find({ workspaceId, appId }, { sort: { updatedAt: -1 }, limit: LIST_LIMIT });
  }

  listForWorkspace(workspaceId: string) {
    return this.grants.find({ workspaceId }, { sort: { updatedAt: -1 }, limit: LIST_LIMIT });
  }

  byId(workspaceId: string, appId: string, grantId: string) {
    return this.grants.findOne({ workspaceId, appId, _id: grantId });
  }

  byKey(workspaceId: string, appId: string, domain: string, keySlug: string) {
    return this.grants.findOne({ workspaceId, appId, domain: domain.toLowerCase(), keySlug });
  }

  /** Creates the grant or updates what the app asks for; who asked first and what is configured stay. */
  upsertRequest(workspaceId: string, appId: string, request: IntegrationRequest, requestedBy: IntegrationGrantDoc["requestedBy"]) {
    const now = new Date();
    return this.grants.findOneAndUpdate(
      { workspaceId, appId, domain: request.domain, keySlug: request.keySlug },
      {
        $set: {
          authMode: request.authMode,
          displayName: request.displayName,
          permissionGroups: request.permissionGroups,
          setupSteps: request.setupSteps,
          secrets: request.secrets,
          updatedAt: now,
        },
        $setOnInsert: { _id: newId("intg"), configuredSecrets: [], requestedBy, createdAt: now },
      },
      { upsert: true, returnDocument: "after" },
    );
  }

  /** Marks secrets as set (as a write for a batch); the names are added to the ones already set. */
  addConfiguredSecretsOp(workspaceId: string, appId: string, grantId: string, names: string[]) {
    return this.grants.op.findOneAndUpdate(
      { workspaceId, appId, _id: grantId },
      { $addToSet: { configuredSecrets: { $each: names } }, $set: { updatedAt: new Date() } },
      { returnDocument: "after" },
    );
  }

  /** Marks every secret as unset (as a write for a batch). */
  clearConfiguredSecretsOp(workspaceId: string, appId: string, grantId: string) {
    return this.grants.op.findOneAndUpdate({ workspaceId, appId, _id: grantId }, { $set: { configuredSecrets: [], updatedAt: new Date() } }, { returnDocument: "after" });
  }

  remove(workspaceId: string, appId: string, grantId: string) {
    return this.grants.deleteOne({ workspaceId, appId, _id: grantId });
  }
}
