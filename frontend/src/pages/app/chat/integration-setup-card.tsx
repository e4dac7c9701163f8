import { Anchor, Badge, Group, List, Paper, Stack, Text } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { Link } from "react-router";
import { authModeLabel, type IntegrationRequest } from "../../../integrations/grant-types.ts";
import { useCurrentWorkspace, usePermission } from "../../../workspace/workspace-context.tsx";

/** The builder's `present_integration_setup`: the outside systems the app needs, and where they get configured. */
export function IntegrationSetupCard({ input, failed }: { input: { integrations?: IntegrationRequest[] }; failed: boolean }) {
  const ws = useCurrentWorkspace();
  const canManage = usePermission("integrations:manage");
  const integrations = Array.isArray(input.integrations) ? input.integrations : [];
  return (
    <Paper withBorder radius="md" p="sm" data-testid="integration-setup-card">
      <Group gap={6} mb={6}>
        <IconPlugConnected size={16} />
        <Text fw={600} size="sm">
          {failed ? "Integration setup was not accepted" : `Integrations (${integrations.length}): set up before the app can be published`}
        </Text>
      </Group>
      <Stack gap="sm">
        {integrations.map((i) => (
          <Stack key={`${i.domain} ${i.keySlug ?? "default"}`} gap={4}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {i.displayName}
              </Text>
              <Badge size="xs" variant="light" color="gray">
                {authModeLabel[i.authMode] ?? i.authMode}
              </Badge>
              <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {i.domain}
                {i.keySlug && i.keySlug !== "default" ? ` · key ${i.keySlug}` : ""}
              </Text>
            </Group>
            {(i.permissionGroups ?? []).length > 0 && (
              <Group gap={4}>
                {(i.permissionGroups ?? []).map((g) => (
                  <Badge key={g} size="xs" variant="outline" color="gray">
                    {g}
                  </Badge>
                ))}
              </Group>
            )}
            {(i.setupSteps ?? []).length > 0 && (
              <List size="xs" type="ordered" spacing={2}>
                {(i.setupSteps ?? []).map((step) => (
                  <List.Item key={step}>{step}</List.Item>
                ))}
              </List>
            )}
            {(i.secrets ?? []).length > 0 && (
              <Text size="xs" c="dimmed">
                Needs: {(i.secrets ?? []).map((s) => s.label).join(", ")}
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
      {!failed && (
        <Text size="xs" c="dimmed" mt="xs">
          {canManage ? (
            <Anchor component={Link} to={`/w/${ws.id}/settings/integrations`} size="xs">
              Configure in Settings → Integrations
            </Anchor>
          ) : (
            "An owner or admin configures these in Settings → Integrations."
          )}
          {integrations.some((i) => i.authMode === "oauth") && " OAuth services: each person connects their own account under Connected accounts."}
        </Text>
      )}
    </Paper>
  );
}
