import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconTrash, IconUsersGroup } from "@tabler/icons-react";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api, ok, once, pathIds } from "../../api/client.ts";
import { wsIds, useApiMutation, useCreateMutation, useMembers, useTeams } from "../../api/queries.ts";
import { ErrorNotice, Loading } from "../../components/feedback.tsx";
import { WORKSPACE_LIMITS } from "../../../../shared/api/workspaces.ts";
import { queryKeys } from "../../realtime/query-keys.ts";
import { useCurrentWorkspace, usePermission } from "../../workspace/workspace-context.tsx";
import type { Team } from "../../../../shared/api/workspaces.ts";

function TeamCard({ team }: { team: Team }) {
  const ws = useCurrentWorkspace();
  const canManage = usePermission("teams:manage");
  const members = useMembers(ws.id);
  const teamMembers = useQuery({
    queryKey: queryKeys.teamMembers(ws.id, team.id),
    queryFn: () => ok(api.workspaces[":wId"].teams[":teamId"].members.$get({ param: pathIds({ wId: ws.id, teamId: team.id }) })).then((r) => r.members),
  });
  const [pick, setPick] = useState<string | null>(null);
  const invalidate = [queryKeys.teams(ws.id), queryKeys.members(ws.id)];
  const add = useApiMutation(
    (userId: string) => ok(api.workspaces[":wId"].teams[":teamId"].members.$post({ param: pathIds({ wId: ws.id, teamId: team.id }), json: { userId } })),
    invalidate,
  );
  const removeMember = useApiMutation(
    (userId: string) => ok(api.workspaces[":wId"].teams[":teamId"].members[":userId"].$delete({ param: pathIds({ wId: ws.id, teamId: team.id, userId }) })),
    invalidate,
  );
  const remove = useApiMutation(() => ok(api.workspaces[":wId"].teams[":teamId"].$delete({ param: pathIds({ wId: ws.id, teamId: team.id }) })), invalidate);
  const inTeam = new Set(teamMembers.data?.map((m) => m.userId));
  const candidates = (members.data ?? []).filter((m) => !inTeam.has(m.userId)).map((m) => ({ value: m.userId, label: m.displayName }));
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <IconUsersGroup size={18} />
          <Text fw={600}>{team.name}</Text>
          {team.isDefault && (
            <Badge size="xs" variant="light">
              everyone
            </Badge>
          )}
          <Badge size="xs" color="gray" variant="light">
            {team.memberCount} {team.memberCount === 1 ? "member" : "members"}
          </Badge>
        </Group>
        {canManage && !team.isDefault && (
          <ActionIcon variant="subtle" color="red" aria-label={`Delete team ${team.name}`} onClick={() => remove.mutate(undefined)} loading={remove.isPending}>
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Group>
      <Group gap={6} wrap="wrap">
        {teamMembers.data?.map((m) => (
          <Badge
            key={m.userId}
            variant="outline"
            color="gray"
            rightSection={
              canManage && !team.isDefault ? (
                <ActionIcon size="xs" variant="transparent" aria-label={`Remove ${m.displayName} from ${team.name}`} onClick={() => removeMember.mutate(m.userId)}>
                  ×
                </ActionIcon>
              ) : null
            }
          >
            {m.displayName}
          </Badge>
        ))}
      </Group>
      {canManage && !team.isDefault && candidates.length > 0 && (
        <Group mt="sm" gap="xs">
          <Select size="xs" placeholder="Add a member" aria-label={`Add a member to ${team.name}`} data={candidates} value={pick} onChange={setPick} searchable w={200} />
          <Button size="xs" variant="light" disabled={!pick} loading={add.isPending} onClick={() => pick && add.mutate(pick, { onSuccess: () => setPick(null) })}>
            Add
          </Button>
        </Group>
      )}
      <ErrorNotice error={add.error ?? removeMember.error ?? remove.error} title="Not changed" />
    </Paper>
  );
}

export function TeamsPage() {
  const ws = useCurrentWorkspace();
  const teams = useTeams(ws.id);
  const canManage = usePermission("teams:manage");
  const [name, setName] = useState("");
  const create = useCreateMutation(
    (teamName: string, key: string) => ok(api.workspaces[":wId"].teams.$post({ param: wsIds(ws.id), json: { name: teamName } }, once(key))),
    [queryKeys.teams(ws.id)],
  );
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Teams decide who sees a published app. Everyone is in General.
      </Text>
      {canManage && (
        <Group align="flex-end" gap="xs">
          <TextInput
            label="New team"
            placeholder="Sales EU"
            value={name}
            maxLength={WORKSPACE_LIMITS.teamName}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: 1 }}
            maw={320}
          />
          <Button disabled={!name.trim()} loading={create.isPending} onClick={() => create.mutate(name.trim(), { onSuccess: () => setName("") })}>
            Create team
          </Button>
        </Group>
      )}
      <ErrorNotice error={create.error} title="Could not create the team" />
      {teams.isLoading && <Loading label="Loading teams…" />}
      <ErrorNotice error={teams.error} />
      <Stack gap="sm">
        {teams.data?.map((team) => (
          <TeamCard key={team.id} team={team} />
        ))}
      </Stack>
      {teams.data && teams.data.length === 1 && (
        <Title order={6} c="dimmed" fw={400}>
          Only General so far.
        </Title>
      )}
    </Stack>
  );
}
