import { Badge, Button, Group, SegmentedControl, Stack, Tooltip } from "@mantine/core";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { attachAppDataBridge } from "../../bridge/app-data-bridge.ts";
import { AppAgentBridge } from "../../bridge/app-agent-bridge.ts";
import { attachAppIntegrationBridge } from "../../bridge/app-integration-bridge.ts";
import { useWorkspaceEvents } from "../../realtime/workspace-events-provider.tsx";
import { useLiveFeed } from "../../bridge/use-live-feed.ts";
import type { DataTarget } from "../../bridge/data-api.ts";
import { EmptyState } from "../../components/feedback.tsx";
import { APP_FRAME_SANDBOX, appDocumentPath } from "../../../../shared/app-document.ts";
import type { App } from "../../../../shared/api/apps.ts";
import type { BuildStep } from "./build-progress.ts";
import { BuildProgressView } from "./build-progress-view.tsx";
import { capture } from "../../analytics/analytics.ts";

/** Whether this tab holds the app's live connection or shares another tab's. */
function LiveBadge({ target }: { target: DataTarget }) {
  const [leader, setLeader] = useState(false);
  useLiveFeed(target, (feed) => feed.onLeadership(setLeader));
  return (
    <Tooltip label="Changes from other people, tabs and agents appear as they happen.">
      <Badge variant="dot" color="teal" data-testid="live-role" data-leader={leader ? "true" : "false"}>
        Live data
      </Badge>
    </Tooltip>
  );
}

/**
 * The running app: its built document in an iframe sandboxed without allow-same-origin (so app
 * code never holds the platform's cookies), wired to the data bridge. Reloads when the snapshot
 * changes (the URL carries its hash).
 */
export function AppPreview({ app, building, onBuild }: { app: App; building: { steps: BuildStep[]; startedAt: number } | null; onBuild: () => void }) {
  const [version, setVersion] = useState<"draft" | "published">(app.access.canEdit ? "draft" : "published");
  const snapshot = version === "draft" ? app.draftSnapshot : app.publishedSnapshot;
  const frame = useRef<HTMLIFrameElement>(null);
  const agentBridge = useRef<AppAgentBridge | null>(null);
  const target: DataTarget = { workspaceId: app.workspaceId, appId: app.id, version };
  // An imported app's files arrive unbuilt: nothing to frame until the builder has built them.
  const unbuilt = snapshot?.built === false;
  const src = snapshot && !unbuilt ? appDocumentPath(app.id, version, snapshot.hash) : null;
  // Layout effect: the bridge listens before the iframe's scripts can send their first request.
  useLayoutEffect(() => {
    if (!frame.current || !src) return;
    const detach = attachAppDataBridge(frame.current, { workspaceId: app.workspaceId, appId: app.id, version });
    const agents = new AppAgentBridge(frame.current, { workspaceId: app.workspaceId, appId: app.id, version });
    const detachTools = attachAppIntegrationBridge(frame.current, { workspaceId: app.workspaceId, appId: app.id, version });
    agentBridge.current = agents;
    capture("app displayed", { version });
    return () => {
      detach();
      detachTools();
      agents.dispose();
      agentBridge.current = null;
    };
  }, [app.workspaceId, app.id, version, src]);
  // Agent runs the frame started follow the workspace events.
  const { lastEvent } = useWorkspaceEvents();
  useEffect(() => {
    if (lastEvent) agentBridge.current?.onWorkspaceEvent(lastEvent);
  }, [lastEvent]);

  return (
    <Stack gap="xs" h="100%">
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={version}
          onChange={(v) => setVersion(v as "draft" | "published")}
          data={[
            { value: "draft", label: "Draft", disabled: !app.access.canEdit },
            { value: "published", label: "Published", disabled: !app.publishedSnapshot },
          ]}
        />
        {src && <LiveBadge target={target} />}
      </Group>
      {building && version === "draft" && <BuildProgressView steps={building.steps} startedAt={building.startedAt} compact={snapshot !== null} />}
      {!snapshot && !(building && version === "draft") && (
        <EmptyState title="Nothing built yet">
          {version === "draft" ? "Describe the app in the chat; the preview shows it here once the builder has built it." : "Nothing has been published yet."}
        </EmptyState>
      )}
      {unbuilt && version === "draft" && !building && (
        <EmptyState title="Not built yet" action={app.access.canEdit && <Button onClick={onBuild}>Build this app</Button>}>
          The imported files have not been built. The builder builds them as they are and says what it had to change.
        </EmptyState>
      )}
      {src && (
        // The document comes from its own content-addressed URL with the app CSP (no network of its own).
        <iframe
          key={src}
          ref={frame}
          title={`${app.name} (${version})`}
          src={src}
          sandbox={APP_FRAME_SANDBOX}
          style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: 12, width: "100%", flex: 1, minHeight: 360, background: "white" }}
        />
      )}
    </Stack>
  );
}
