import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconCheck, IconPlugConnected } from "@tabler/icons-react";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { api, ok, pathIds } from "../api/client.ts";
import { useApiMutation } from "../api/queries.ts";
import { connectHref, oauthFailureMessage, useConnections } from "../api/integration-queries.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { EmptyState, ErrorNotice, Loading } from "../components/feedback.tsx";
import { queryKeys } from "../realtime/query-keys.ts";
import { useCurrentWorkspace } from "../workspace/workspace-context.tsx";
import type { Connection } from "../../../shared/api/oauth.ts";

function ConnectionRow({ workspaceId, connection }: { workspaceId: string; connection: Connection }) {
  const [confirming, setConfirming] = useState(false);
  const disconnect = useApiMutation(() => ok(api.me.connections[":id"].$delete({ param: pathIds({ id: connection.id }) })), [queryKeys.connections(workspaceId)]);
  const returnTo = `/w/${workspaceId}/connections`;
  return (
    <Paper withBorder radius="md" p="md" data-testid="connection" data-provider={connection.provider}>
      <Group justify="space-between" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 220px" }}>
          <Group gap="xs">
            <Text fw={600}>{connection.displayName}</Text>
            {connection.status === "connected" ? (
              <Badge size="sm" color="teal" variant="light">
                Connected
              </Badge>
            ) : (
              <Badge size="sm" color="orange" variant="light">
                Connect again
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {connection.domain} · since {new Date(connection.connectedAt).toLocaleDateString()}
            {connection.scopes.length ? ` · ${connection.scopes.join(" ")}` : ""}
          </Text>
        </Stack>
        <Group gap="xs">
          {connection.status === "reconnect" && (
            <Button size="xs" component="a" href={connectHref(workspaceId, connection.provider, returnTo)}>
              Reconnect
            </Button>
          )}
          <Button size="xs" variant="subtle" color="red" onClick={() => setConfirming(true)}>
            Disconnect
          </Button>
        </Group>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={`Disconnect ${connection.displayName}?`}
        confirmLabel="Disconnect"
        pending={disconnect.isPending}
        error={disconnect.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => disconnect.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        App agents you start and apps you use can no longer reach {connection.domain} as you until you connect again.
      </ConfirmDialog>
    </Paper>
  );
}

/** The caller's own OAuth accounts in this workspace: what apps and the agents they start may use on their behalf. */
export function ConnectionsPage() {
  const ws = useCurrentWorkspace();
  const connections = useConnections(ws.id);
  const [params] = useSearchParams();
  const failure = params.get("oauthError");
  const connectedKey = params.get("oauth") === "connected" ? params.get("provider") : null;
  const connectedName = connections.data?.connections.find((c) => c.provider === connectedKey)?.displayName;
  const returnTo = `/w/${ws.id}/connections`;
  return (
    <Stack maw={800} mx="auto" gap="md">
      <Title order={2}>Connected accounts</Title>
      <Text size="sm" c="dimmed">
        Apps in {ws.name} call these services as you, with your own account. Nobody else's account is ever used for you, and yours never for them.
      </Text>
      {failure && (
        <Alert color="red" variant="light" title="Not connected" role="alert">
          {oauthFailureMessage[failure] ?? "The connection did not complete. Try again."}
        </Alert>
      )}
      {connectedKey && (
        <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title="Connected">
          {connectedName ? `Your ${connectedName} account is connected.` : "Your account is connected."}
        </Alert>
      )}
      {connections.isLoading && <Loading label="Loading your accounts…" />}
      <ErrorNotice error={connections.error} />
      {connections.data?.connections.map((c) => (
        <ConnectionRow key={c.id} workspaceId={ws.id} connection={c} />
      ))}
      {connections.data && connections.data.available.length > 0 && (
        <Stack gap="xs">
          <Title order={5}>Available to connect</Title>
          {connections.data.available.map((p) => (
            <Paper key={p.provider} withBorder radius="md" p="md" data-testid="available-provider">
              <Group justify="space-between" gap="xs">
                <Stack gap={2} style={{ minWidth: 0, flex: "1 1 220px" }}>
                  <Text fw={600}>{p.displayName}</Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {p.domain}
                  </Text>
                </Stack>
                <Button size="xs" component="a" href={connectHref(ws.id, p.provider, returnTo)}>
                  Connect
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {connections.data && connections.data.connections.length === 0 && connections.data.available.length === 0 && (
        <EmptyState title="Nothing to connect" icon={<IconPlugConnected size={24} />}>
          When an admin adds an OAuth provider to this workspace, you can connect your account here.
        </EmptyState>
      )}
    </Stack>
  );
}
