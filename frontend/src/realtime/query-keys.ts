import type { InvalidationScope } from "../../../shared/realtime/workspace-events.ts";

/**
 * Query keys for workspace data. Each key starts with the invalidation scope a workspace event
 * names, so one event invalidates exactly the queries that show that data.
 */
export const queryKeys = {
  me: ["me"] as const,
  workspace: (workspaceId: string) => ["ws", workspaceId] as const,
  scope: (workspaceId: string, scope: InvalidationScope) => (scope === "me" ? (["me"] as const) : (["ws", workspaceId, scope] as const)),
  members: (workspaceId: string) => ["ws", workspaceId, "members"] as const,
  teams: (workspaceId: string) => ["ws", workspaceId, "teams"] as const,
  teamMembers: (workspaceId: string, teamId: string) => ["ws", workspaceId, "teams", teamId, "members"] as const,
  invitations: (workspaceId: string) => ["ws", workspaceId, "invitations"] as const,
  audit: (workspaceId: string, filters: Record<string, string>) => ["ws", workspaceId, "audit", filters] as const,
  /** Under "runs": a finished turn refreshes the Usage page. */
  usage: (workspaceId: string, query: string) => ["ws", workspaceId, "runs", "usage", query] as const,
  apps: (workspaceId: string) => ["ws", workspaceId, "apps"] as const,
  app: (workspaceId: string, appId: string) => ["ws", workspaceId, "apps", appId] as const,
  /** Under "apps", so every app event refreshes the restorable list too. */
  deletedApps: (workspaceId: string) => ["ws", workspaceId, "apps", "~deleted"] as const,
  workspaceInfo: (workspaceId: string) => ["ws", workspaceId, "workspace"] as const,
  /** Every grant of every app; under "integrations" so a configured credential or provider refreshes it. */
  integrations: (workspaceId: string) => ["ws", workspaceId, "integrations"] as const,
  appIntegrations: (workspaceId: string, appId: string) => ["ws", workspaceId, "integrations", "app", appId] as const,
  oauthProviders: (workspaceId: string) => ["ws", workspaceId, "integrations", "oauth-providers"] as const,
  /** The caller's connected accounts; a removed provider (an "integrations" event) removes them too. */
  connections: (workspaceId: string) => ["ws", workspaceId, "integrations", "connections"] as const,
};
