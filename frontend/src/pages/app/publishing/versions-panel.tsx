import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { IconHistory } from "@tabler/icons-react";
import { api, ok } from "../../../api/client.ts";
import { appIds, useApiMutation, useTeams } from "../../../api/queries.ts";
import { useVersions } from "../../../api/publishing-queries.ts";
import { ConfirmButton } from "../../../components/confirm-button.tsx";
import { EmptyState, ErrorNotice, Loading } from "../../../components/feedback.tsx";
import { queryKeys } from "../../../realtime/query-keys.ts";
import { usePermission } from "../../../workspace/workspace-context.tsx";
import type { App } from "../../../../../shared/api/apps.ts";
import type { AppVersionEntry } from "../../../../../shared/api/publishing.ts";

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

function VersionRow({ app, version, number, teamNames }: { app: App; version: AppVersionEntry; number: number; teamNames: Map<string, string> }) {
  const canPublish = usePermission("apps:publish");
  const restore = useApiMutation(
    () =>
      ok(api.workspaces[":wId"].apps[":aId"].versions[":versionId"].restore.$post({ param: { ...appIds(app.workspaceId, app.id), versionId: encodeURIComponent(version.id) } })),
    [queryKeys.apps(app.workspaceId)],
  );
  return (
    <Paper withBorder radius="md" p="sm" data-testid="version-row">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              Version {number}
            </Text>
            {version.current && (
              <Badge size="xs" color="teal">
                serving now
              </Badge>
            )}
            {version.restoredFromVersionId && (
              <Badge size="xs" variant="light" color="gray">
                rollback
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {when(version.publishedAt)} by {version.publishedBy.displayName} · {version.fileCount} files, {kb(version.bytes)} · <code>{version.hash.slice(0, 10)}</code>
          </Text>
          <Text size="xs" c="dimmed">
            Teams: {version.teamIds.map((id) => teamNames.get(id) ?? "a removed team").join(", ") || "none"}
          </Text>
        </Stack>
        {canPublish && !version.current && (
          <ConfirmButton
            size="xs"
            variant="light"
            color="orange"
            question={`Serve version ${number} again? Everyone on the app's teams gets it right away; the draft stays as it is.`}
            confirmLabel="Roll back"
            onConfirm={() => restore.mutate(undefined)}
            loading={restore.isPending}
          >
            Roll back to this
          </ConfirmButton>
        )}
      </Group>
      <ErrorNotice error={restore.error} title="Not rolled back" />
    </Paper>
  );
}

/** Every published version, newest first, with rollback for owners and admins. */
export function VersionsPanel({ app }: { app: App }) {
  const versions = useVersions(app.workspaceId, app.id);
  const teams = useTeams(app.workspaceId);
  const teamNames = new Map((teams.data ?? []).map((t) => [t.id, t.name]));
  if (versions.isLoading) return <Loading label="Loading versions…" />;
  if (versions.error) return <ErrorNotice error={versions.error} />;
  const list = versions.data ?? [];
  if (list.length === 0)
    return (
      <EmptyState title="Not published yet" icon={<IconHistory size={24} />}>
        Every published version appears here; owners and admins can roll back to any of them.
      </EmptyState>
    );
  return (
    <Stack gap="xs">
      {list.map((v, i) => (
        <VersionRow key={v.id} app={app} version={v} number={list.length - i} teamNames={teamNames} />
      ))}
    </Stack>
  );
}
