import { Button, Group, MultiSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { api, ok } from "../../../api/client.ts";
import { appIds, useApiMutation, useTeams } from "../../../api/queries.ts";
import { ErrorNotice } from "../../../components/feedback.tsx";
import { queryKeys } from "../../../realtime/query-keys.ts";
import { usePermission } from "../../../workspace/workspace-context.tsx";
import type { App } from "../../../../../shared/api/apps.ts";
import { VersionsPanel } from "./versions-panel.tsx";
import { UnpublishButton } from "./unpublish-button.tsx";

const statusLine: Record<App["publishStatus"], string> = {
  draft: "Draft: only its builders, owners and admins see it.",
  in_review: "In review: waiting for an owner or admin.",
  published: "Published to its teams.",
};

/** Owners and admins change who may use the published app without publishing again. */
function TeamsEditor({ app }: { app: App }) {
  const teams = useTeams(app.workspaceId);
  const [teamIds, setTeamIds] = useState(app.teamIds);
  const save = useApiMutation(
    (ids: string[]) => ok(api.workspaces[":wId"].apps[":aId"].$patch({ param: appIds(app.workspaceId, app.id), json: { teamIds: ids } })),
    [queryKeys.apps(app.workspaceId)],
  );
  const changed = [...teamIds].sort().join() !== [...app.teamIds].sort().join();
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="wrap">
        <MultiSelect
          label="Teams that use the published app"
          data={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          value={teamIds}
          onChange={setTeamIds}
          searchable
          style={{ flex: "1 1 260px" }}
        />
        <Button variant="light" disabled={!changed || teamIds.length === 0} loading={save.isPending} onClick={() => save.mutate(teamIds)}>
          Save teams
        </Button>
      </Group>
      <ErrorNotice error={save.error} title="Teams not saved" />
    </Stack>
  );
}

/** The Publishing tab: status, teams, and the version history with rollback. */
export function PublishingPanel({ app }: { app: App }) {
  const canPublish = usePermission("apps:publish");
  return (
    <Stack gap="md" maw={760}>
      <Paper withBorder radius="md" p="md">
        <Text size="sm" data-testid="publish-status">
          {statusLine[app.publishStatus]}
          {app.publishStatus !== "published" && app.hasPublished ? " Its teams keep the last published version meanwhile." : ""}
        </Text>
        {app.publishedAt && (
          <Text size="xs" c="dimmed">
            Last published {new Date(app.publishedAt).toLocaleString()}.
          </Text>
        )}
        {canPublish && app.hasPublished && (
          <Stack mt="sm">
            <TeamsEditor key={app.teamIds.join()} app={app} />
            <UnpublishButton app={app} />
          </Stack>
        )}
      </Paper>
      <Title order={4} size="h5">
        Versions
      </Title>
      <VersionsPanel app={app} />
    </Stack>
  );
}
