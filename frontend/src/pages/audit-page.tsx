import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, ok } from "../api/client.ts";
import { wsIds, useApps, useMembers, useTeams } from "../api/queries.ts";
import { EmptyState, ErrorNotice, Loading } from "../components/feedback.tsx";
import { queryKeys } from "../realtime/query-keys.ts";
import { useCurrentWorkspace, usePermission } from "../workspace/workspace-context.tsx";
import type { AuditEvent } from "../../../shared/api/audit.ts";
import { type AuditNames, auditSentence, categoryLabels, eventLabels } from "./audit-sentences.ts";

const outcomeColor: Record<string, string> = { success: "teal", denied: "red", failure: "orange", started: "blue", completed: "teal" };
const outcomeLabel: Record<string, string> = { success: "Done", denied: "Refused", failure: "Failed", started: "Started", completed: "Completed" };

function useAuditNames(workspaceId: string): AuditNames {
  const members = useMembers(workspaceId);
  const apps = useApps(workspaceId);
  const teams = useTeams(workspaceId);
  return {
    user: (id) => members.data?.find((m) => m.userId === id)?.displayName,
    app: (id) => apps.data?.find((a) => a.id === id)?.name,
    team: (id) => teams.data?.find((t) => t.id === id)?.name,
  };
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

function Outcome({ e }: { e: AuditEvent }) {
  return (
    <Badge size="sm" variant="light" color={outcomeColor[e.outcome] ?? "gray"} style={{ flexShrink: 0 }}>
      {outcomeLabel[e.outcome] ?? e.outcome}
    </Badge>
  );
}

function EventCards({ rows, names }: { rows: AuditEvent[]; names: AuditNames }) {
  return (
    <Stack gap="xs">
      {rows.map((e) => (
        <Paper key={e.id} withBorder radius="md" p="sm" data-testid="audit-event">
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Text size="sm">{auditSentence(e, names)}</Text>
            <Outcome e={e} />
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {when(e.occurredAt)} · {eventLabels[e.eventName] ?? e.eventName}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

function EventTable({ rows, names }: { rows: AuditEvent[]; names: AuditNames }) {
  return (
    <Paper withBorder radius="md" style={{ overflowX: "auto" }}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>When</Table.Th>
            <Table.Th>What happened</Table.Th>
            <Table.Th w={160}>Kind</Table.Th>
            <Table.Th w={100}>Outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Table.Tr key={e.id} data-testid="audit-event">
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {when(e.occurredAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{auditSentence(e, names)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {eventLabels[e.eventName] ?? e.eventName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Outcome e={e} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function AuditPage() {
  const ws = useCurrentWorkspace();
  const allowed = usePermission("audit:read");
  const members = useMembers(ws.id);
  const names = useAuditNames(ws.id);
  const narrow = useMediaQuery("(max-width: 48em)") ?? false;
  const [category, setCategory] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [eventName, setEventName] = useState<string | null>(null);
  const [from, setFrom] = useState("");
  const filters: Record<string, string> = {};
  if (category) filters.category = category;
  if (actorId) filters.actorId = actorId;
  if (eventName) filters.eventName = eventName;
  if (from) filters.from = new Date(from).toISOString();

  const events = useInfiniteQuery({
    queryKey: queryKeys.audit(ws.id, filters),
    enabled: allowed,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => ok(api.workspaces[":wId"].audit.$get({ param: wsIds(ws.id), query: { ...filters, limit: "50", ...(pageParam ? { cursor: pageParam } : {}) } })),
    getNextPageParam: (last) => last.nextCursor,
  });

  if (!allowed) return <EmptyState title="The audit log is for owners and admins" />;
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <Stack maw={1200} mx="auto" gap="md">
      <Title order={2}>Audit log</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" maw={900}>
        <Select
          label="Area"
          placeholder="All"
          data={Object.entries(categoryLabels).map(([value, label]) => ({ value, label }))}
          value={category}
          onChange={setCategory}
          clearable
        />
        <Select
          label="Person"
          placeholder="Anyone"
          data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))}
          value={actorId}
          onChange={setActorId}
          clearable
          searchable
        />
        <Select
          label="Event"
          placeholder="Any event"
          data={Object.entries(eventLabels).map(([value, label]) => ({ value, label }))}
          value={eventName}
          onChange={setEventName}
          clearable
          searchable
        />
        <TextInput label="Since" type="datetime-local" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
      </SimpleGrid>
      {events.isLoading && <Loading label="Loading audit events…" />}
      <ErrorNotice error={events.error} />
      {events.data && rows.length === 0 && <EmptyState title="No events match">Try fewer filters.</EmptyState>}
      {rows.length > 0 && (narrow ? <EventCards rows={rows} names={names} /> : <EventTable rows={rows} names={names} />)}
      {events.hasNextPage && (
        <Group justify="center">
          <Button variant="light" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
            Load older events
          </Button>
        </Group>
      )}
    </Stack>
  );
}
