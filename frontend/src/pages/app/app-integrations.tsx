import { Stack, Text, Title } from "@mantine/core";
import { useAppIntegrations } from "../../api/integration-queries.ts";
import { ErrorNotice, Loading } from "../../components/feedback.tsx";
import { GrantCard } from "../../integrations/grant-card.tsx";
import { usePermission } from "../../workspace/workspace-context.tsx";
import type { App } from "../../../../shared/api/apps.ts";

/** App settings: the outside systems this app asked for and their state; owners and admins set credentials here too. */
export function AppIntegrationsPanel({ app }: { app: App }) {
  const grants = useAppIntegrations(app.workspaceId, app.id);
  const canManage = usePermission("integrations:manage");
  return (
    <Stack gap="sm" data-testid="app-integrations">
      <Title order={5}>Integrations</Title>
      {grants.isLoading && <Loading label="Loading integrations…" />}
      <ErrorNotice error={grants.error} title="Could not load the integrations" />
      {grants.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          This app does not reach any outside system.
        </Text>
      )}
      {grants.data?.map((grant) => (
        <GrantCard key={grant.id} workspaceId={app.workspaceId} grant={grant} canManage={canManage} />
      ))}
    </Stack>
  );
}
