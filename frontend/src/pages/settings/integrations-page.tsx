import { Divider, Stack, Text, Title } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { useApps } from "../../api/queries.ts";
import { useWorkspaceIntegrations } from "../../api/integration-queries.ts";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback.tsx";
import { GrantCard } from "../../integrations/grant-card.tsx";
import { OAuthProvidersSection } from "../../integrations/oauth-providers-section.tsx";
import { useCurrentWorkspace, usePermission } from "../../workspace/workspace-context.tsx";

/** Settings → Integrations: every app's grants with their state, credentials, and the workspace's OAuth providers (owners and admins). */
export function IntegrationsPage() {
  const ws = useCurrentWorkspace();
  const canManage = usePermission("integrations:manage");
  const grants = useWorkspaceIntegrations(ws.id, canManage);
  const apps = useApps(ws.id);
  const appName = new Map(apps.data?.map((a) => [a.id, a.name]));
  if (!canManage) {
    return (
      <Text size="sm" c="dimmed">
        Owners and admins set up integrations. Your own accounts are under Connected accounts in your account menu.
      </Text>
    );
  }
  const waiting = grants.data?.filter((g) => g.status === "needs_setup").length ?? 0;
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Title order={4}>App integrations</Title>
        <Text size="sm" c="dimmed">
          What each app asked to reach. One app's credential never serves another app.
          {waiting > 0 ? ` ${waiting} waiting for setup; an app cannot be published until its integrations are configured.` : ""}
        </Text>
        {grants.isLoading && <Loading label="Loading integrations…" />}
        <ErrorNotice error={grants.error} title="Could not load the integrations" />
        {grants.data?.length === 0 && (
          <EmptyState title="No integrations yet" icon={<IconPlugConnected size={24} />}>
            When the builder writes an app that needs an outside system, its request shows up here.
          </EmptyState>
        )}
        {grants.data?.map((grant) => (
          <GrantCard key={grant.id} workspaceId={ws.id} grant={grant} appName={appName.get(grant.appId)} canManage />
        ))}
      </Stack>
      <Divider />
      <OAuthProvidersSection workspaceId={ws.id} />
    </Stack>
  );
}
