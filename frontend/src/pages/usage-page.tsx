import { Anchor, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, ok } from "../api/client.ts";
import { wsIds } from "../api/queries.ts";
import { EmptyState, ErrorNotice, Loading } from "../components/feedback.tsx";
import { queryKeys } from "../realtime/query-keys.ts";
import { UsageChart } from "../usage/usage-chart.tsx";
import { formatTokens, formatUsd } from "../usage/format-usage.ts";
import { useCurrentWorkspace, usePermission } from "../workspace/workspace-context.tsx";
import { utcDay, type UsageGroupBy } from "../../../shared/api/usage.ts";

const RANGES = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last 12 months" },
];
const GROUPS: { value: UsageGroupBy; label: string }[] = [
  { value: "app", label: "Apps" },
  { value: "user", label: "People" },
  { value: "day", label: "Days" },
  { value: "model", label: "Models" },
];
const KEY_HEADER: Record<UsageGroupBy, string> = { app: "App", user: "Person", day: "Day", model: "Model" };

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

/** Model usage and what it cost, per app, person, day or model (owners and admins). */
export function UsagePage() {
  const ws = useCurrentWorkspace();
  const allowed = usePermission("usage:read");
  const [days, setDays] = useState("30");
  const [groupBy, setGroupBy] = useState<UsageGroupBy>("app");
  const to = utcDay(new Date());
  const from = utcDay(new Date(Date.now() - (Number(days) - 1) * 86_400_000));
  const params = new URLSearchParams({ from, to, groupBy });
  const usage = useQuery({
    queryKey: queryKeys.usage(ws.id, params.toString()),
    enabled: allowed,
    queryFn: () => ok(api.workspaces[":wId"].usage.$get({ param: wsIds(ws.id), query: { from, to, groupBy } })),
  });

  if (!allowed) return <EmptyState title="Usage and cost are for owners and admins" />;
  const rows = usage.data?.rows ?? [];
  const total = rows.reduce(
    (sum, row) => ({
      cost: sum.cost + row.costUsd,
      calls: sum.calls + row.calls,
      input: sum.input + row.inputTokens + row.cacheReadTokens + row.cacheWriteTokens,
      output: sum.output + row.outputTokens,
    }),
    { cost: 0, calls: 0, input: 0, output: 0 },
  );
  return (
    <Stack maw={1100} mx="auto" gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <Title order={2}>Usage</Title>
        <Group gap="xs" wrap="wrap">
          <Select aria-label="Period" data={RANGES} value={days} onChange={(value) => value && setDays(value)} allowDeselect={false} w={160} />
          <Button
            component="a"
            href={api.workspaces[":wId"].usage.$path({ param: wsIds(ws.id), query: { from, to, groupBy, format: "csv" } })}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            Export CSV
          </Button>
        </Group>
      </Group>
      <SegmentedControl data={GROUPS} value={groupBy} onChange={(value) => setGroupBy(value as UsageGroupBy)} fullWidth aria-label="Group by" />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Figure label="Cost" value={formatUsd(total.cost)} />
        <Figure label="Model calls" value={formatTokens(total.calls)} />
        <Figure label="Input tokens" value={formatTokens(total.input)} />
        <Figure label="Output tokens" value={formatTokens(total.output)} />
      </SimpleGrid>
      {usage.isLoading && <Loading label="Loading usage…" />}
      <ErrorNotice error={usage.error} />
      {usage.data && rows.length === 0 && <EmptyState title="No model calls in this period">Builder turns and agent runs show here once they call a model.</EmptyState>}
      {rows.length > 0 && (
        <>
          <Paper withBorder p="sm" radius="md">
            <UsageChart rows={rows} groupBy={groupBy} />
          </Paper>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover data-testid="usage-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{KEY_HEADER[groupBy]}</Table.Th>
                  <Table.Th ta="right">Calls</Table.Th>
                  <Table.Th ta="right">Input</Table.Th>
                  <Table.Th ta="right">Output</Table.Th>
                  <Table.Th ta="right">Cache read / written</Table.Th>
                  <Table.Th ta="right">Cost</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Td>{groupBy === "app" && row.label !== "Deleted app" ? <Anchor href={`/w/${ws.id}/apps/${row.key}`}>{row.label}</Anchor> : row.label}</Table.Td>
                    <Table.Td ta="right">{formatTokens(row.calls)}</Table.Td>
                    <Table.Td ta="right">{formatTokens(row.inputTokens)}</Table.Td>
                    <Table.Td ta="right">{formatTokens(row.outputTokens)}</Table.Td>
                    <Table.Td ta="right">
                      {formatTokens(row.cacheReadTokens)} / {formatTokens(row.cacheWriteTokens)}
                    </Table.Td>
                    <Table.Td ta="right">{formatUsd(row.costUsd)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed">
            Days are UTC. Costs are Anthropic list prices; the offline demo model is free.
          </Text>
        </>
      )}
    </Stack>
  );
}
