/**
 * The UI's view of an app's integration grant, as GET /api/workspaces/:wId/integrations and
 * GET …/apps/:aId/integrations answer it (docs/http-api.md#integrations). The grant routes land
 * separately; when their shared schema arrives, these types become imports of it.
 */
export type AuthMode = "api_key" | "bearer" | "oauth";
export type GrantStatus = "needs_setup" | "configured";

export interface IntegrationGrant {
  id: string;
  appId: string;
  domain: string;
  keySlug: string;
  authMode: AuthMode;
  displayName: string;
  permissionGroups: string[];
  setupSteps: string[];
  secrets: { name: string; label: string; set: boolean }[];
  status: GrantStatus;
  requestedBy?: { userId: string; displayName: string };
  updatedAt?: string;
}

/** One entry of integration-setup.json, as the builder's `present_integration_setup` card shows it. */
export interface IntegrationRequest {
  domain: string;
  keySlug?: string;
  authMode: AuthMode;
  displayName: string;
  permissionGroups?: string[];
  setupSteps?: string[];
  secrets?: { name: string; label: string }[];
}

export const authModeLabel: Record<AuthMode, string> = { api_key: "API key", bearer: "Bearer token", oauth: "OAuth (each person connects)" };
