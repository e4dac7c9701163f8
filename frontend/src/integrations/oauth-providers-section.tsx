import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { useState } from "react";
import { api, ok, pathIds } from "../api/client.ts";
import { useApiMutation } from "../api/queries.ts";
import { useOAuthProviders } from "../api/integration-queries.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { ErrorNotice, Loading } from "../components/feedback.tsx";
import { queryKeys } from "../realtime/query-keys.ts";
import type { OAuthProvider } from "../../../shared/api/oauth.ts";
import { OAuthProviderForm } from "./oauth-provider-form.tsx";

function ProviderRow({ workspaceId, provider, onEdit }: { workspaceId: string; provider: OAuthProvider; onEdit: () => void }) {
  const [removing, setRemoving] = useState(false);
  const remove = useApiMutation(
    () => ok(api.workspaces[":wId"]["oauth-providers"][":provider"].$delete({ param: pathIds({ wId: workspaceId, provider: provider.provider }) })),
    [queryKeys.integrations(workspaceId)],
  );
  return (
    <Paper withBorder radius="md" p="md" data-testid="oauth-provider">
      <Group justify="space-between" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 220px" }}>
          <Group gap="xs">
            <IconKey size={16} />
            <Text fw={600}>{provider.displayName}</Text>
            <Badge size="xs" variant="light" color="gray">
              {provider.connectedAccounts} connected
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {provider.domain} · key {provider.provider} · client {provider.clientId}
            {provider.scopes.length ? ` · ${provider.scopes.join(" ")}` : ""}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={onEdit}>
            Edit
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(true)}>
            Remove
          </Button>
        </Group>
      </Group>
      <ConfirmDialog
        opened={removing}
        title={`Remove ${provider.displayName}?`}
        confirmLabel="Remove provider"
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setRemoving(false)}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => setRemoving(false) })}
      >
        Its {provider.connectedAccounts === 1 ? "1 connected account is" : `${provider.connectedAccounts} connected accounts are`} disconnected, and tools that use{" "}
        {provider.domain} stop working until a provider is added again.
      </ConfirmDialog>
    </Paper>
  );
}

/** The workspace's OAuth clients (admins). A client alone grants nothing: each person connects their own account. */
export function OAuthProvidersSection({ workspaceId }: { workspaceId: string }) {
  const providers = useOAuthProviders(workspaceId);
  const [editing, setEditing] = useState<OAuthProvider | "new" | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={4}>OAuth providers</Title>
        <Button size="xs" onClick={() => setEditing("new")}>
          Add provider
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Your organisation's OAuth app for a service. It grants nothing by itself: each person connects their own account, and app agents act with the account of the person who
        started them.
      </Text>
      {providers.isLoading && <Loading label="Loading providers…" />}
      <ErrorNotice error={providers.error} />
      {providers.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          No providers yet.
        </Text>
      )}
      {providers.data?.map((p) => (
        <ProviderRow key={p.provider} workspaceId={workspaceId} provider={p} onEdit={() => setEditing(p)} />
      ))}
      {editing && (
        <OAuthProviderForm
          key={editing === "new" ? "new" : editing.provider}
          workspaceId={workspaceId}
          existing={editing === "new" ? null : editing}
          opened
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
