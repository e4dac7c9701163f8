import { Badge, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, ok } from "../../api/client.ts";
import { appIds, useApiMutation } from "../../api/queries.ts";
import { ErrorNotice } from "../../components/feedback.tsx";
import { queryKeys } from "../../realtime/query-keys.ts";

const statusColor = { running: "blue", completed: "teal", failed: "red", stopped: "gray" } as const;

/** An agent's recent runs (live through the workspace events' "runs" scope) and "Run now". */
export function AgentRunsList({
  workspaceId,
  appId,
  agentId,
  approved,
  onOpen,
}: {
  workspaceId: string;
  appId: string;
  agentId: string;
  approved: boolean;
  onOpen: (runId: string) => void;
}) {
  const key = [...queryKeys.scope(workspaceId, "runs"), "agent-runs", appId, agentId];
  const runsApi = api.workspaces[":wId"].apps[":aId"]["agent-runs"];
  const runs = useQuery({ queryKey: key, queryFn: () => ok(runsApi.$get({ param: appIds(workspaceId, appId), query: { agentId } })) });
  const [input, setInput] = useState("");
  const start = useApiMutation((body: { agentId: string; input?: string }) => ok(runsApi.$post({ param: appIds(workspaceId, appId), json: body })), [key]);
  return (
    <Stack gap={6} mt="xs">
      <Group gap="xs" wrap="wrap">
        <TextInput
          size="xs"
          placeholder="Input (optional)"
          value={input}
          onChange={(e) => setInput(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 160 }}
          aria-label={`Input for ${agentId}`}
        />
        <Button
          size="xs"
          leftSection={<IconPlayerPlay size={14} />}
          disabled={!approved}
          loading={start.isPending}
          onClick={() => start.mutate({ agentId, ...(input.trim() ? { input: input.trim() } : {}) }, { onSuccess: ({ run }) => onOpen(run.id) })}
        >
          Run now
        </Button>
      </Group>
      <ErrorNotice error={start.error} title="Not started" />
      <ErrorNotice error={runs.error} />
      {(runs.data?.runs ?? []).slice(0, 10).map((run) => (
        <Group key={run.id} gap="xs" wrap="wrap" style={{ cursor: "pointer" }} onClick={() => onOpen(run.id)} data-testid="agent-run-row" data-status={run.status}>
          <Badge size="xs" color={statusColor[run.status]} variant="light">
            {run.status}
          </Badge>
          <Text size="xs">{new Date(run.createdAt).toLocaleString()}</Text>
          <Text size="xs" c="dimmed">
            {run.triggeredBy.type === "schedule" ? "scheduled" : "manual"} · {run.version}
            {run.usage ? ` · ${run.usage.inputTokens + run.usage.outputTokens} tokens · $${run.usage.costUsd.toFixed(4)}` : ""}
          </Text>
          {run.error && (
            <Text size="xs" c="red" lineClamp={1}>
              {run.error}
            </Text>
          )}
        </Group>
      ))}
    </Stack>
  );
}
