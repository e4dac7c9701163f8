import { useQuery } from "@tanstack/react-query";
import { api, ok, pathIds } from "./client.ts";
import { appIds, wsIds } from "./queries.ts";
import { queryKeys } from "../realtime/query-keys.ts";
import type { IntegrationGrant } from "../integrations/grant-types.ts";
import type { ConnectionsAnswer, OAuthProvider } from "../../../shared/api/oauth.ts";

export const useWorkspaceIntegrations = (workspaceId: string, enabled = true) =>
  useQuery({
    queryKey: queryKeys.integrations(workspaceId),
    queryFn: () => ok(api.workspaces[":wId"].integrations.$get({ param: wsIds(workspaceId) })).then((r): IntegrationGrant[] => r.integrations),
    enabled,
  });

export const useAppIntegrations = (workspaceId: string, appId: string) =>
  useQuery({
    queryKey: queryKeys.appIntegrations(workspaceId, appId),
    queryFn: () => ok(api.workspaces[":wId"].apps[":aId"].integrations.$get({ param: appIds(workspaceId, appId) })).then((r): IntegrationGrant[] => r.integrations),
  });

export const useOAuthProviders = (workspaceId: string, enabled = true) =>
  useQuery({
    queryKey: queryKeys.oauthProviders(workspaceId),
    queryFn: () => ok(api.workspaces[":wId"]["oauth-providers"].$get({ param: wsIds(workspaceId) })).then((r): OAuthProvider[] => r.providers),
    enabled,
  });

export const useConnections = (workspaceId: string) =>
  useQuery({
    queryKey: queryKeys.connections(workspaceId),
    queryFn: () => ok(api.me.connections.$get({ query: { workspace: workspaceId } })).then((r): ConnectionsAnswer => r),
  });

/** Where the browser goes to connect an account: the platform redirects on to the provider. */
export const connectHref = (workspaceId: string, provider: string, returnTo: string) =>
  api.oauth[":provider"].start.$path({ param: pathIds({ provider }), query: { workspace: workspaceId, returnTo } });

/** Why a connection attempt came back without a connection, said for a person. */
export const oauthFailureMessage: Record<string, string> = {
  state_invalid: "The connection attempt expired or was started in another browser. Start it again from here.",
  access_denied: "The provider did not grant access. Nothing was connected.",
  exchange_failed: "The provider refused to hand over the account. Ask an admin to check the provider's settings.",
  provider_removed: "An admin removed this provider while you were connecting.",
};
