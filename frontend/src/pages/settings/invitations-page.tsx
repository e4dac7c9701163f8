import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { roleSchema, type Role } from "../../../../shared/api/roles.ts";
import { IconInfoCircle, IconMail } from "@tabler/icons-react";
import { useState } from "react";
import { api, ok, once, pathIds } from "../../api/client.ts";
import { wsIds, useApiMutation, useCreateMutation, useInvitations } from "../../api/queries.ts";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback.tsx";
import { queryKeys } from "../../realtime/query-keys.ts";
import { useCurrentWorkspace, usePermission } from "../../workspace/workspace-context.tsx";

export function InvitationsPage() {
  const ws = useCurrentWorkspace();
  const canInvite = usePermission("members:invite");
  const invitations = useInvitations(ws.id, canInvite);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const invite = useCreateMutation(
    (body: { email: string; role: Role }, key: string) => ok(api.workspaces[":wId"].invitations.$post({ param: wsIds(ws.id), json: body }, once(key))),
    [queryKeys.invitations(ws.id)],
  );
  const revoke = useApiMutation(
    (id: string) => ok(api.workspaces[":wId"].invitations[":invitationId"].$delete({ param: pathIds({ wId: ws.id, invitationId: id }) })),
    [queryKeys.invitations(ws.id)],
  );

  if (!canInvite) return <EmptyState title="Invitations are managed by admins">Ask an owner or admin to invite someone.</EmptyState>;
  if (ws.me.authMode === "none") {
    return (
      <Alert icon={<IconInfoCircle size={18} />} variant="light" title="Invitations need an identity provider">
        <Text size="sm">
          This workspace signs people in by name and email only, so an email invitation would prove nothing about who accepts it. Add people directly under Members instead; they
          sign in with the same email. Once your administrator connects a company sign-in (single sign-on), you can invite people by email here.
        </Text>
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="xs">
          <TextInput label="Email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} style={{ flex: 1 }} />
          <Select
            label="Role"
            data={["member", "admin", ...(ws.role === "owner" ? ["owner"] : [])]}
            value={role}
            onChange={(v) => {
              const picked = roleSchema.safeParse(v);
              if (picked.success) setRole(picked.data);
            }}
            allowDeselect={false}
            w={130}
          />
          <Button
            leftSection={<IconMail size={16} />}
            disabled={!email.trim()}
            loading={invite.isPending}
            onClick={() => invite.mutate({ email: email.trim(), role }, { onSuccess: () => setEmail("") })}
          >
            Invite
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          The invitation is accepted when that person signs in through your identity provider.
        </Text>
        <ErrorNotice error={invite.error} title="Could not invite" />
      </Paper>
      {invitations.isLoading && <Loading label="Loading invitations…" />}
      <ErrorNotice error={invitations.error ?? revoke.error} />
      {invitations.data && invitations.data.invitations.length === 0 && <EmptyState title="No invitations yet" />}
      {invitations.data && invitations.data.invitations.length > 0 && (
        <Paper withBorder radius="md">
          <Table>
            <Table.Tbody>
              {invitations.data.invitations.map((inv) => (
                <Table.Tr key={inv.id}>
                  <Table.Td>{inv.email}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{inv.role}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={inv.status === "pending" ? "yellow" : inv.status === "accepted" ? "teal" : "gray"} variant="dot">
                      {inv.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {inv.status === "pending" && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(inv.id)}>
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
