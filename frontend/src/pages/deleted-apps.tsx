import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconRestore } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../api/client.ts";
import { appIds, wsIds, useApiMutation } from "../api/queries.ts";
import { ErrorNotice } from "../components/feedback.tsx";
import { queryKeys } from "../realtime/query-keys.ts";
import type { App } from "../../../shared/api/apps.ts";

function RestoreButton({ workspaceId, appId, name, onRestored }: { workspaceId: string; appId: string; name: string; onRestored?: () => void }) {
  const restore = useApiMutation(() => ok(api.workspaces[":wId"].apps[":aId"].restore.$post({ param: appIds(workspaceId, appId) })), [queryKeys.apps(workspaceId)]);
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconRestore size={14} />}
        loading={restore.isPending}
        onClick={() => restore.mutate(undefined, { onSuccess: onRestored })}
        aria-label={`Restore ${name}`}
      >
        Restore
      </Button>
      <ErrorNotice error={restore.error} title="Not restored" />
    </Stack>
  );
}

/** The body of the "deleted" notification: one click undoes it. */
export const restoreDeletedApp = (app: App) => (
  <RestoreButton workspaceId={app.workspaceId} appId={app.id} name={app.name} onRestored={() => notifications.hide(`deleted-${app.id}`)} />
);

/** Recently deleted apps, restorable for their grace period; hidden when there are none. */
export function DeletedApps({ workspaceId }: { workspaceId: string }) {
  const deleted = useQuery({
    queryKey: queryKeys.deletedApps(workspaceId),
    queryFn: () => ok(api.workspaces[":wId"].apps.deleted.$get({ param: wsIds(workspaceId) })).then((r) => r.apps),
  });
  if (!deleted.data?.length) return null;
  return (
    <Stack gap="xs" data-testid="deleted-apps">
      <Title order={3} size="h4">
        Recently deleted
      </Title>
      {deleted.data.map((app) => (
        <Paper key={app.id} withBorder radius="md" p="sm">
          <Group justify="space-between" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={500} truncate>
                {app.name}
              </Text>
              <Text size="xs" c="dimmed">
                Restorable until {new Date(app.restorableUntil).toLocaleDateString(undefined, { month: "short", day: "numeric" })}
              </Text>
            </div>
            <RestoreButton workspaceId={workspaceId} appId={app.id} name={app.name} />
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
