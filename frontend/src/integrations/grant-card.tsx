import { Anchor, Badge, Button, Group, List, Paper, Stack, Text } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { api, ok, pathIds } from "../api/client.ts";
import { useApiMutation } from "../api/queries.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { ErrorNotice } from "../components/feedback.tsx";
import { queryKeys } from "../realtime/query-keys.ts";
import { CredentialModal } from "./credential-modal.tsx";
import { authModeLabel, type IntegrationGrant } from "./grant-types.ts";

export function GrantStatusBadge({ status }: { status: IntegrationGrant["status"] }) {
  return (
    <Badge size="sm" variant="light" color={status === "configured" ? "teal" : "orange"} data-testid="grant-status">
      {status === "configured" ? "Configured" : "Needs setup"}
    </Badge>
  );
}

/** One app's grant: what it reaches, how it authenticates, its state, and (for owners and admins) its credential. */
export function GrantCard({ workspaceId, grant, appName, canManage }: { workspaceId: string; grant: IntegrationGrant; appName?: string; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = useApiMutation(
    () =>
      ok(
        api.workspaces[":wId"].apps[":aId"].integrations[":integrationId"].credential.$delete({ param: pathIds({ wId: workspaceId, aId: grant.appId, integrationId: grant.id }) }),
      ),
    [queryKeys.integrations(workspaceId)],
  );
  const anySet = grant.secrets.some((s) => s.set);
  return (
    <Paper withBorder radius="md" p="md" data-testid="grant-card" data-domain={grant.domain}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 220px" }}>
          <Group gap="xs" wrap="wrap">
            <IconPlugConnected size={16} />
            <Text fw={600}>{grant.displayName}</Text>
            <GrantStatusBadge status={grant.status} />
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {grant.domain} · key {grant.keySlug} · {authModeLabel[grant.authMode]}
            {appName ? ` · ${appName}` : ""}
          </Text>
        </Stack>
        {canManage && grant.authMode !== "oauth" && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setEditing(true)}>
              {anySet ? "Replace credential" : "Set credential"}
            </Button>
            {anySet && (
              <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(true)}>
                Remove
              </Button>
            )}
          </Group>
        )}
      </Group>
      {grant.permissionGroups.length > 0 && (
        <Group gap={4} mt="xs">
          {grant.permissionGroups.map((g) => (
            <Badge key={g} size="xs" variant="outline" color="gray">
              {g}
            </Badge>
          ))}
        </Group>
      )}
      {grant.setupSteps.length > 0 && grant.status === "needs_setup" && (
        <List size="sm" type="ordered" mt="xs" spacing={2}>
          {grant.setupSteps.map((step) => (
            <List.Item key={step}>{step}</List.Item>
          ))}
        </List>
      )}
      {grant.authMode === "oauth" && (
        <Text size="xs" c="dimmed" mt="xs">
          {grant.status === "configured"
            ? "Each person connects their own account under "
            : `An admin adds an OAuth provider for ${grant.domain}; then each person connects under `}
          <Anchor component={Link} to={`/w/${workspaceId}/connections`} size="xs">
            Connected accounts
          </Anchor>
          .
        </Text>
      )}
      <ErrorNotice error={remove.error} title="Not removed" />
      {canManage && <CredentialModal workspaceId={workspaceId} grant={grant} opened={editing} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        opened={removing}
        title={`Remove the credential of ${grant.displayName}?`}
        confirmLabel="Remove credential"
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setRemoving(false)}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => setRemoving(false) })}
      >
        The app's tools stop reaching {grant.domain} until someone sets a credential again.
      </ConfirmDialog>
    </Paper>
  );
}
