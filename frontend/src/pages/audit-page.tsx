import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client.ts";
import { paths, useMembers } from "../api/queries.ts";
import { EmptyState, ErrorNotice, Loading } from "../components/feedback.tsx";
import { queryKeys } from "../realtime/query-keys.ts";
import { useCurrentWorkspace, usePermission } from "../workspace/workspace-context.tsx";
import type { AuditEvent } from "../../../shared/api/audit.ts";

const categories = ["workspace", "members", "teams", "apps", "access", "app_data", "integrations"];
const outcomeColor: Record<string, string> = { success: "teal", denied: "red", failure: "orange", started: "blue", completed: "teal" };

export function AuditPage() {
  const ws = useCurrentWorkspace();
  const allowed = usePermission("audit:read");
  const members = useMembers(ws.id);
  const [category, setCategory] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [eventName, setEventName] = useState("");
  const [from, setFrom] = useState("");
  const filters: Record<string, string> = {};
  if (category) filters.category = category;
  if (actorId) filters.actorId = actorId;
  if (eventName.trim()) filters.eventName = eventName.trim();
  if (from) filters.from = new Date(from).toISOString();

  const events = useInfiniteQuery({
    queryKey: queryKeys.audit(ws.id, filters),
    enabled: allowed,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<{ events: AuditEvent[]; nextCursor: string | null }>(
        `${paths.ws(ws.id)}/audit?${new URLSearchParams({ ...filters, limit: "50", ...(pageParam ? { cursor: pageParam } : {}) })}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

  if (!allowed) return <EmptyState title="The audit log is for owners and admins" />;
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <Stack maw={1200} mx="auto" gap="md">
      <Title order={2}>Audit log</Title>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select label="Category" placeholder="All" data={categories} value={category} onChange={setCategory} clearable w={160} />
        <Select
          label="Actor"
          placeholder="Anyone"
          data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))}
          value={actorId}
          onChange={setActorId}
          clearable
          searchable
          w={200}
        />
        <TextInput label="Event" placeholder="member.role_changed" value={eventName} onChange={(e) => setEventName(e.currentTarget.value)} w={220} />
        <TextInput label="Since" type="datetime-local" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={220} />
      </Group>
      {events.isLoading && <Loading label="Loading audit events…" />}
      <ErrorNotice error={events.error} />
      {events.data && rows.length === 0 && <EmptyState title="No events match">Try fewer filters.</EmptyState>}
      {rows.length > 0 && (
        <Paper withBorder radius="md" style={{ overflowX: "auto" }}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Text size="xs">{new Date(e.occurredAt).toLocaleString()}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {e.eventName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.actor.displayName ?? e.actor.id}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {e.target.type} {e.target.id}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={outcomeColor[e.outcome] ?? "gray"}>
                      {e.outcome}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {Object.entries(e.metadata)
                        .map(([k, v]) => `${k}: ${String(v)}`)
                        .join(" · ")}
                      {e.changes.length > 0 && ` · changed ${e.changes.map((c) => c.field).join(", ")}`}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
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
