import { Alert, Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconRobot, IconShieldCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, ok } from "../../api/client.ts";
import { appIds, useApiMutation } from "../../api/queries.ts";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback.tsx";
import { usePermission } from "../../workspace/workspace-context.tsx";
import type { App } from "../../../../shared/api/apps.ts";
import type { AppAgents } from "../../../../shared/api/agents.ts";
import { capture } from "../../analytics/analytics.ts";
import { useCaptureOnce } from "../../analytics/use-capture-once.ts";
import { AgentRunsList } from "./agent-runs-list.tsx";
import { AgentRunDrawer } from "./agent-run-drawer.tsx";
import { AppToolsList } from "./app-tools-list.tsx";

/** The draft agents.json: what each agent may touch, and its approval (by exact hash). */
export function AppAgentsPanel({ app }: { app: App }) {
  const canApprove = usePermission("agents:approve");
  const [openRun, setOpenRun] = useState<string | null>(null);
  const key = ["agents", app.workspaceId, app.id, app.draftSnapshot?.hash ?? "none"];
  const agents = useQuery({
    queryKey: key,
    enabled: app.access.canEdit,
    queryFn: () => ok(api.workspaces[":wId"].apps[":aId"].agents.$get({ param: appIds(app.workspaceId, app.id) })),
  });
  const approve = useApiMutation((hash: string) => ok(api.workspaces[":wId"].apps[":aId"].agents.approve.$post({ param: appIds(app.workspaceId, app.id), json: { hash } })), [key]);
  const declares = (draft: AppAgents["draft"]) => (draft ? draft.agents.length + draft.appTools.length > 0 : false);
  const pending = agents.data?.draft && !agents.data.draft.approved && declares(agents.data.draft) ? agents.data.draft : null;
  useCaptureOnce("approval shown", pending?.hash ?? "", canApprove && pending !== null, { approval_kind: "agents_json", agent_count: pending?.agents.length ?? 0 });
  if (!app.access.canEdit) return <EmptyState title="Agents are managed by the app's builders" />;
  if (agents.isLoading) return <Loading label="Loading agents…" />;
  if (agents.error) return <ErrorNotice error={agents.error} />;
  const draft = agents.data?.draft;
  if (!draft || !declares(draft)) {
    return (
      <EmptyState title="No agents" icon={<IconRobot size={24} />}>
        {agents.data?.problem ?? "Agents the builder defines in agents.json appear here for approval."}
      </EmptyState>
    );
  }
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        {draft.approved ? (
          <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} />}>
            Approved {draft.approvedAt ? new Date(draft.approvedAt).toLocaleString() : ""}
          </Badge>
        ) : (
          <Badge color="yellow" variant="light">
            Waiting for approval
          </Badge>
        )}
        {canApprove && !draft.approved && (
          <Button
            size="xs"
            leftSection={<IconShieldCheck size={14} />}
            loading={approve.isPending}
            onClick={() =>
              approve.mutate(draft.hash, {
                onSuccess: () => {
                  capture("approval acted", { approval_kind: "agents_json", action: "approved", agent_count: draft.agents.length });
                  capture("agents approved", { agent_count: draft.agents.length, scheduled_agent_count: draft.agents.filter((a) => a.schedule).length });
                },
              })
            }
          >
            Approve this configuration
          </Button>
        )}
      </Group>
      {!draft.approved && (
        <Alert variant="light" color="yellow">
          Until an owner or admin approves exactly this agents.json, its agents cannot read or write app data and the app cannot call its tools. Any change to it needs a new
          approval.
        </Alert>
      )}
      <ErrorNotice error={approve.error} title="Not approved" />
      {draft.agents.map((agent) => (
        <Paper key={agent.id} withBorder radius="md" p="sm">
          <Group gap={6}>
            <IconRobot size={16} />
            <Text fw={600}>{agent.name}</Text>
            <Text size="xs" c="dimmed">
              {agent.id}
            </Text>
          </Group>
          {agent.description && <Text size="sm">{agent.description}</Text>}
          <Text size="xs" c="dimmed" mt={4}>
            Data: {agent.dataCollections.length ? agent.dataCollections.join(", ") : "none"}
            {agent.schedule ? ` · Runs ${"cron" in agent.schedule ? `on cron "${agent.schedule.cron}" (UTC)` : `every ${agent.schedule.everyMinutes} min`}` : ""}
          </Text>
          <AgentRunsList workspaceId={app.workspaceId} appId={app.id} agentId={agent.id} approved={draft.approved} onOpen={setOpenRun} />
        </Paper>
      ))}
      <AppToolsList tools={draft.appTools} />
      <AgentRunDrawer workspaceId={app.workspaceId} appId={app.id} runId={openRun} onClose={() => setOpenRun(null)} />
    </Stack>
  );
}
