import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { useState } from "react";
import { api, ok } from "../../../api/client.ts";
import { appIds, useApiMutation, useMembers } from "../../../api/queries.ts";
import { publishingKeys, useCollaborators } from "../../../api/publishing-queries.ts";
import { ErrorNotice } from "../../../components/feedback.tsx";
import { queryKeys } from "../../../realtime/query-keys.ts";
import { useCurrentWorkspace, usePermission } from "../../../workspace/workspace-context.tsx";
import type { App } from "../../../../../shared/api/apps.ts";

/** Who else builds this app (its draft, chat and review requests). The creator, owners and admins manage it. */
export function CollaboratorsPanel({ app }: { app: App }) {
  const ws = useCurrentWorkspace();
  const isAdmin = usePermission("apps:publish");
  const canManage = isAdmin || app.createdByUserId === ws.me.user.id;
  const collaborators = useCollaborators(app.workspaceId, app.id);
  const members = useMembers(app.workspaceId);
  const [pick, setPick] = useState<string | null>(null);
  const invalidate = [publishingKeys.collaborators(app.workspaceId, app.id), queryKeys.apps(app.workspaceId)];
  const add = useApiMutation(
    (userId: string) => ok(api.workspaces[":wId"].apps[":aId"].collaborators.$post({ param: appIds(app.workspaceId, app.id), json: { userId } })),
    invalidate,
  );
  const remove = useApiMutation(
    (userId: string) =>
      ok(api.workspaces[":wId"].apps[":aId"].collaborators[":userId"].$delete({ param: { ...appIds(app.workspaceId, app.id), userId: encodeURIComponent(userId) } })),
    invalidate,
  );
  const taken = new Set([app.createdByUserId, ...app.collaboratorUserIds]);
  const candidates = (members.data ?? []).filter((m) => !taken.has(m.userId)).map((m) => ({ value: m.userId, label: `${m.displayName} (${m.email})` }));
  return (
    <Paper withBorder p="md" radius="md">
      <Text fw={600} size="sm">
        Collaborators
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        Collaborators build the draft with you and can ask for review. Owners and admins always can.
      </Text>
      <Stack gap="xs">
        <Group gap={6} wrap="wrap">
          {(collaborators.data ?? []).length === 0 && (
            <Text size="sm" c="dimmed">
              Nobody yet.
            </Text>
          )}
          {collaborators.data?.map((c) => (
            <Badge
              key={c.userId}
              variant="outline"
              color="gray"
              size="lg"
              rightSection={
                canManage ? (
                  <ActionIcon size="xs" variant="transparent" aria-label={`Remove ${c.displayName}`} onClick={() => remove.mutate(c.userId)} disabled={remove.isPending}>
                    <IconX size={12} />
                  </ActionIcon>
                ) : null
              }
            >
              {c.displayName}
            </Badge>
          ))}
        </Group>
        {canManage && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Select
              aria-label="Add a collaborator"
              placeholder="Add a workspace member"
              data={candidates}
              value={pick}
              onChange={setPick}
              searchable
              style={{ flex: "1 1 220px" }}
            />
            <Button variant="light" disabled={!pick} loading={add.isPending} onClick={() => pick && add.mutate(pick, { onSuccess: () => setPick(null) })}>
              Add
            </Button>
          </Group>
        )}
        <ErrorNotice error={add.error ?? remove.error} title="Not changed" />
      </Stack>
    </Paper>
  );
}
