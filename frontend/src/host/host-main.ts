import { z } from "zod";
import { api, bridgeApi, pathIds } from "../api/client.ts";
import { attachAppDataBridge } from "../bridge/app-data-bridge.ts";
import { AppAgentBridge } from "../bridge/app-agent-bridge.ts";
import { attachAppIntegrationBridge } from "../bridge/app-integration-bridge.ts";
import { appSchema } from "../../../shared/api/apps.ts";
import { workspaceStreamMessageSchema } from "../../../shared/realtime/workspace-events.ts";
import { APP_FRAME_SANDBOX, appDocumentPath } from "../../../shared/app-document.ts";

/**
 * The host page of a published app (/a/:aId/): the app's published document in a sandboxed frame,
 * wired to the same data and agent bridges as the preview on the published scope (the app's
 * useAgent starts published agents, which its users may do). When a new version is
 * published (or rolled back) the frame switches to it; if the app is withdrawn the page says so.
 */
const contextSchema = z.object({ workspaceId: z.string(), appId: z.string(), name: z.string() });
const context = contextSchema.parse(JSON.parse(document.getElementById("second-host")?.textContent ?? "null"));
const main = document.getElementById("host-main")!;
const status = document.getElementById("host-status")!;
let shownHash: string | null = null;
let detach: (() => void) | null = null;
let agents: AppAgentBridge | null = null;

const hostedApp = bridgeApi.workspaces[":wId"].apps[":aId"];

function message(text: string) {
  detach?.();
  detach = null;
  agents?.dispose();
  agents = null;
  shownHash = null;
  main.replaceChildren(Object.assign(document.createElement("p"), { className: "host-message", textContent: text }));
}

function show(name: string, hash: string) {
  document.title = name;
  document.getElementById("host-name")!.textContent = name;
  if (hash === shownHash) return;
  detach?.();
  agents?.dispose();
  const frame = document.createElement("iframe");
  frame.title = name;
  frame.setAttribute("sandbox", APP_FRAME_SANDBOX);
  main.replaceChildren(frame);
  // The bridge listens before the frame's scripts can send their first request.
  const target = { workspaceId: context.workspaceId, appId: context.appId, version: "published" } as const;
  const detachData = attachAppDataBridge(frame, target);
  const detachTools = attachAppIntegrationBridge(frame, target);
  detach = () => {
    detachData();
    detachTools();
  };
  agents = new AppAgentBridge(frame, target);
  frame.src = appDocumentPath(context.appId, "published", hash);
  shownHash = hash;
}

async function refresh() {
  const response = await hostedApp.$get({ param: pathIds({ wId: context.workspaceId, aId: context.appId }) });
  if (response.status === 404 || response.status === 401 || response.status === 403) return message("This app is no longer available to you.");
  if (!response.ok) return message(`The platform answered ${response.status}; reload to try again.`);
  const app = appSchema.parse((await response.json()).app);
  if (!app.publishedSnapshot) return message("This app has no published version.");
  show(app.name, app.publishedSnapshot.hash);
}

function followPublishing() {
  const source = new EventSource(api.workspaces[":wId"].events.$path({ param: pathIds({ wId: context.workspaceId }) }));
  source.onopen = () => (status.textContent = "Live");
  source.onerror = () => (status.textContent = "Reconnecting…");
  source.onmessage = (event) => {
    const parsed = workspaceStreamMessageSchema.safeParse(JSON.parse(event.data));
    if (!parsed.success) return;
    const e = parsed.data;
    // Runs the frame started are followed through these events (the bridge polls slowly as a watchdog).
    if (e.type !== "reset") agents?.onWorkspaceEvent(e);
    if (e.type === "reset" || (e.ids.appId === context.appId && ["app.published", "app.updated", "app.deleted"].includes(e.type))) void refresh();
  };
}

document.getElementById("host-name")!.textContent = context.name;
void refresh().then(followPublishing);
