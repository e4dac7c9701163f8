import { Badge, Box, Group, Paper, SegmentedControl, Stack, Tabs, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconDatabase, IconEye, IconFiles, IconHistory, IconRobot, IconSettings } from "@tabler/icons-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { isApiError } from "../../api/client.ts";
import { useApp } from "../../api/queries.ts";
import { ErrorNotice, Loading } from "../../components/feedback.tsx";
import type { App } from "../../../../shared/api/apps.ts";
import { DataExplorer } from "./data-explorer.tsx";
import { AppSettings } from "./app-settings.tsx";
import { AppPreview } from "./app-preview.tsx";
import { IMPORTED_APP_BUILD_MESSAGE } from "./imported-app-build.ts";
import { BuilderChat } from "./chat/builder-chat.tsx";
import { AppFiles } from "./app-files.tsx";
import { AppAgentsPanel } from "./app-agents.tsx";
import { AppNotFound } from "./app-not-found.tsx";
import { useBuildActivity } from "./use-build-activity.ts";
import { AppPublishActions } from "./publishing/app-publish-actions.tsx";
import { PublishingPanel } from "./publishing/publishing-panel.tsx";

const TABS = ["preview", "data", "agents", "files", "publishing", "settings"] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.includes(value as Tab);
const statusLabel = { draft: "Draft", in_review: "In review", published: "Published" } as const;

/** The app view: chat beside the running app (one of them at a time on narrow screens); the tab lives in the URL. */
export function AppPage() {
  const { wId = "", aId = "" } = useParams();
  const app = useApp(wId, aId);
  if (app.isLoading) return <Loading label="Opening the app…" />;
  if (isApiError(app.error, "not_found")) return <AppNotFound workspaceId={wId} />;
  if (app.error || !app.data) return <ErrorNotice error={app.error ?? new Error("The app could not be loaded.")} />;
  return <AppView key={app.data.id} app={app.data} />;
}

function AppView({ app }: { app: App }) {
  const [params, setParams] = useSearchParams();
  const narrow = useMediaQuery("(max-width: 62em)") ?? false;
  const requested = params.get("tab");
  const tab: Tab = isTab(requested) ? requested : "preview";
  // `build=1`: a new app, built from its description; `build=import`: imported files, built as they are.
  const build = params.get("build");
  const autoStartMessage = build === "1" ? app.description : build === "import" ? IMPORTED_APP_BUILD_MESSAGE : null;
  const autoStart = autoStartMessage !== null;
  const firstMessageOnly = build === "1";
  const [pane, setPane] = useState<"chat" | "app">(autoStart || app.draftSnapshot || app.publishedSnapshot ? "app" : "chat");
  const activity = useBuildActivity();

  const setTab = useCallback(
    (next: Tab) =>
      setParams(
        (p) => {
          p.set("tab", next);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  // Once the first message is sent, a reload must not send it again.
  const onAutoStarted = useCallback(
    () =>
      setParams(
        (p) => {
          p.delete("build");
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  const requestImportBuild = useCallback(
    () =>
      setParams(
        (p) => {
          p.set("build", "import");
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  // A build passed: show it, once per passed build (setTab changes with every tab switch, which must
  // not send the person back to the preview).
  const shownBuilds = useRef(0);
  useEffect(() => {
    if (activity.passedBuilds === shownBuilds.current) return;
    shownBuilds.current = activity.passedBuilds;
    setTab("preview");
    setPane("app");
  }, [activity.passedBuilds, setTab]);

  return (
    <Stack gap="sm" h="calc(100dvh - 52px - 2 * var(--app-shell-padding, 20px))">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={2} size="h3" lineClamp={1}>
            {app.name}
          </Title>
          <Badge variant="light" style={{ flexShrink: 0 }} data-testid="app-status">
            {statusLabel[app.publishStatus]}
          </Badge>
        </Group>
        <AppPublishActions app={app} />
      </Group>
      {narrow && (
        <SegmentedControl
          fullWidth
          value={pane}
          onChange={(v) => setPane(v === "chat" ? "chat" : "app")}
          data={[
            { value: "chat", label: "Chat" },
            { value: "app", label: activity.building ? "App (building…)" : "App" },
          ]}
          aria-label="Show the chat or the app"
        />
      )}
      <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Paper
          withBorder
          radius="lg"
          p="md"
          data-testid="chat-pane"
          style={{ flex: narrow ? "1 1 auto" : "0 0 400px", minWidth: 0, display: narrow && pane !== "chat" ? "none" : "flex", flexDirection: "column", minHeight: 0 }}
        >
          <BuilderChat app={app} autoStartMessage={autoStartMessage} firstMessageOnly={firstMessageOnly} onAutoStarted={onAutoStarted} onActivity={activity.onActivity} />
        </Paper>
        <Paper
          withBorder
          radius="lg"
          p={narrow ? "xs" : "md"}
          data-testid="app-pane"
          style={{ flex: "1 1 0", minWidth: 0, minHeight: 0, overflow: "auto", display: narrow && pane !== "app" ? "none" : "flex", flexDirection: "column" }}
        >
          <Tabs value={tab} onChange={(v) => isTab(v) && setTab(v)} keepMounted={false} style={{ display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}>
            <Tabs.List style={{ flexWrap: "nowrap", overflowX: "auto", overflowY: "hidden" }}>
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
              {app.access.canEdit && (
                <Tabs.Tab value="publishing" leftSection={<IconHistory size={16} />}>
                  Versions
                </Tabs.Tab>
              )}
              <Tabs.Tab value="settings" leftSection={<IconSettings size={16} />}>
                Settings
              </Tabs.Tab>
            </Tabs.List>
            <Box pt="sm" style={{ flex: 1, minHeight: 0 }}>
              <Tabs.Panel value="preview" h="100%">
                <AppPreview app={app} building={activity.building} onBuild={requestImportBuild} />
              </Tabs.Panel>
              <Tabs.Panel value="data" h="100%">
                <DataExplorer workspaceId={app.workspaceId} appId={app.id} canEditDraft={app.access.canEdit} />
              </Tabs.Panel>
              <Tabs.Panel value="agents">
                <AppAgentsPanel app={app} />
              </Tabs.Panel>
              <Tabs.Panel value="files">
                <AppFiles app={app} />
              </Tabs.Panel>
              <Tabs.Panel value="publishing">
                <PublishingPanel app={app} />
              </Tabs.Panel>
              <Tabs.Panel value="settings">
                <AppSettings app={app} />
              </Tabs.Panel>
            </Box>
          </Tabs>
        </Paper>
      </Group>
    </Stack>
  );
}
