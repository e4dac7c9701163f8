import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { IconTrash, IconUserPlus } from "@tabler/icons-react";
import { api, ok, once, pathIds } from "../../api/client.ts";
import { wsIds, useApiMutation, useCreateMutation, useMembers } from "../../api/queries.ts";
import { ErrorNotice, Loading } from "../../components/feedback.tsx";
import { queryKeys } from "../../realtime/query-keys.ts";
import { useCurrentWorkspace, usePermission } from "../../workspace/workspace-context.tsx";
import type { Member } from "../../../../shared/api/workspaces.ts";
import type { Role } from "../../../../shared/api/roles.ts";

const roles = [
  { value: "owner", label: "Owner" },
  { value: "admin", label: "Admin" },
  { value: "member", label: "Member" },
];

function AddLocalMember() {
  const ws = useCurrentWorkspace();
  const form = useForm<{ displayName: string; email: string; role: Role }>({ initialValues: { displayName: "", email: "", role: "member" } });
  const add = useCreateMutation(
    (values: typeof form.values, key: string) => ok(api.workspaces[":wId"].members.$post({ param: wsIds(ws.id), json: values }, once(key))),
    [queryKeys.members(ws.id), queryKeys.teams(ws.id)],
  );
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={form.onSubmit((values) => add.mutate(values, { onSuccess: () => form.reset() }))}>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            Add a person
          </Text>
          <Text size="xs" c="dimmed">
            This platform runs without an identity provider, so people are added directly and sign in with the same email.
          </Text>
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput label="Name" required {...form.getInputProps("displayName")} style={{ flex: "1 1 160px" }} />
            <TextInput label="Email" type="email" required {...form.getInputProps("email")} style={{ flex: "1 1 200px" }} />
            <Select label="Role" data={roles.filter((r) => ws.role === "owner" || r.value !== "owner")} allowDeselect={false} {...form.getInputProps("role")} w={130} />
            <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={add.isPending}>
              Add
            </Button>
          </Group>
          <ErrorNotice error={add.error} title="Could not add the person" />
        </Stack>
      </form>
    </Paper>
  );
}

function MemberRow({ member }: { member: Member }) {
  const ws = useCurrentWorkspace();
  const canManage = usePermission("members:manage");
  const isMe = member.userId === ws.me.user.id;
  const mayTouch = canManage && (ws.role === "owner" || member.role !== "owner");
  const changeRole = useApiMutation(
    (role: Role) => ok(api.workspaces[":wId"].members[":userId"].$patch({ param: pathIds({ wId: ws.id, userId: member.userId }), json: { role } })),
    [queryKeys.members(ws.id), queryKeys.me],
  );
  const remove = useApiMutation(
    () => ok(api.workspaces[":wId"].members[":userId"].$delete({ param: pathIds({ wId: ws.id, userId: member.userId }) })),
    [queryKeys.members(ws.id), queryKeys.me],
  );
  const [confirming, setConfirming] = useState(false);
  return (
    <Table.Tr data-testid={`member-${member.email}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {member.displayName}{" "}
          {isMe && (
            <Badge size="xs" variant="light">
              you
            </Badge>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {member.email}
        </Text>
        {changeRole.error && <ErrorNotice error={changeRole.error} title="Not changed" />}
      </Table.Td>
      <Table.Td>
        {mayTouch ? (
          <Select
            aria-label={`Role of ${member.displayName}`}
            data={roles.filter((r) => ws.role === "owner" || r.value !== "owner")}
            value={member.role}
            allowDeselect={false}
            disabled={changeRole.isPending}
            onChange={(value) => value && value !== member.role && changeRole.mutate(value as Role)}
            w={130}
            size="xs"
          />
        ) : (
          <Badge variant="light" data-testid="role-badge">
            {member.role}
          </Badge>
        )}
      </Table.Td>
      <Table.Td visibleFrom="sm">
        <Text size="xs" c="dimmed">
          {new Date(member.joinedAt).toLocaleDateString()}
        </Text>
      </Table.Td>
      <Table.Td>
        {(mayTouch || isMe) && (
          <Tooltip label={isMe ? "Leave workspace" : "Remove from workspace"}>
            <ActionIcon variant="subtle" color="red" aria-label={isMe ? "Leave workspace" : `Remove ${member.displayName}`} onClick={() => setConfirming(true)}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
        <ConfirmDialog
          opened={confirming}
          title={isMe ? "Leave this workspace?" : `Remove ${member.displayName}?`}
          confirmLabel={isMe ? "Leave workspace" : "Remove"}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setConfirming(false)}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        >
          {isMe
            ? "You lose access to its apps and settings until someone adds you again."
            : `${member.displayName} (${member.email}) loses access to this workspace and its apps. You can add them again later.`}
        </ConfirmDialog>
      </Table.Td>
    </Table.Tr>
  );
}

export function MembersPage() {
  const ws = useCurrentWorkspace();
  const members = useMembers(ws.id);
  const canManage = usePermission("members:manage");
  return (
    <Stack gap="md">
      {canManage && ws.me.authMode === "none" && <AddLocalMember />}
      {members.isLoading && <Loading label="Loading members…" />}
      <ErrorNotice error={members.error} />
      {members.data && (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th visibleFrom="sm">Joined</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((member) => (
                <MemberRow key={member.userId} member={member} />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
