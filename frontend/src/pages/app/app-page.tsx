import { Badge, Box, Group, Paper, Stack, Tabs, Title } from "@mantine/core";
import { IconDatabase, IconEye, IconFiles, IconHistory, IconRobot, IconSettings } from "@tabler/icons-react";
import { useParams } from "react-router";
import { useApp } from "../../api/queries.ts";
import { ErrorNotice, Loading } from "../../components/feedback.tsx";
import { DataExplorer } from "./data-explorer.tsx";
import { AppSettings } from "./app-settings.tsx";
import { AppPreview } from "./app-preview.tsx";
import { BuilderChat } from "./chat/builder-chat.tsx";
import { AppFiles } from "./app-files.tsx";
import { AppAgentsPanel } from "./app-agents.tsx";
import { AppPublishActions } from "./publishing/app-publish-actions.tsx";
import { PublishingPanel } from "./publishing/publishing-panel.tsx";

/** The app view: chat on the left, the app and its tabs on the right (UI.md). */
export function AppPage() {
  const { wId = "", aId = "" } = useParams();
  const app = useApp(wId, aId);
  if (app.isLoading) return <Loading label="Opening the app…" />;
  if (app.error || !app.data) return <ErrorNotice error={app.error ?? new Error("App not found")} />;
  const a = app.data;
  return (
    <Stack gap="md" h="calc(100vh - 52px - 2 * var(--mantine-spacing-lg))">
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2} size="h3">
            {a.name}
          </Title>
          <Badge variant="light" data-testid="app-status">
            {a.publishStatus.replace("_", " ")}
          </Badge>
        </Group>
        <AppPublishActions app={a} />
      </Group>
      <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }} className="app-panes">
        <Paper withBorder radius="lg" p="md" style={{ flex: "0 0 420px", minWidth: 0, maxWidth: "100%", display: "flex", flexDirection: "column", minHeight: 0 }}>
          <BuilderChat app={a} />
        </Paper>
        <Paper withBorder radius="lg" p="md" style={{ flex: "3 1 480px", minWidth: 0, minHeight: 0, overflow: "auto" }}>
          <Tabs defaultValue={a.draftSnapshot || a.publishedSnapshot ? "preview" : "data"} keepMounted={false} h="100%">
            <Tabs.List>
              <Tabs.Tab value="preview" leftSection={<IconEye size={16} />}>
                Preview
              </Tabs.Tab>
              <Tabs.Tab value="data" leftSection={<IconDatabase size={16} />}>
                Data
              </Tabs.Tab>
              <Tabs.Tab value="agents" leftSection={<IconRobot size={16} />}>
                Agents
              </Tabs.Tab>
              <Tabs.Tab value="files" leftSection={<IconFiles size={16} />}>
                Files
              </Tabs.Tab>
              {a.access.canEdit && (
                <Tabs.Tab value="publishing" leftSection={<IconHistory size={16} />}>
                  Versions
                </Tabs.Tab>
              )}
              <Tabs.Tab value="settings" leftSection={<IconSettings size={16} />}>
                Settings
              </Tabs.Tab>
            </Tabs.List>
            <Box pt="md">
              <Tabs.Panel value="preview">
                <AppPreview app={a} />
              </Tabs.Panel>
              <Tabs.Panel value="data">
                <DataExplorer workspaceId={a.workspaceId} appId={a.id} canEditDraft={a.access.canEdit} />
              </Tabs.Panel>
              <Tabs.Panel value="agents">
                <AppAgentsPanel app={a} />
              </Tabs.Panel>
              <Tabs.Panel value="files">
                <AppFiles app={a} />
              </Tabs.Panel>
              <Tabs.Panel value="publishing">
                <PublishingPanel app={a} />
              </Tabs.Panel>
              <Tabs.Panel value="settings">
                <AppSettings app={a} />
              </Tabs.Panel>
            </Box>
          </Tabs>
        </Paper>
      </Group>
    </Stack>
  );
}
