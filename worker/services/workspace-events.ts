import type { Env } from "../env.ts";
import { publish, workspaceChannel } from "../realtime/channel-client.ts";
import type { InvalidationScope, WorkspaceEvent, WorkspaceEventType } from "../../shared/realtime/workspace-events.ts";
import { newId } from "../../shared/ids.ts";

/**
 * Publishes a workspace realtime event: ids, status, time and invalidation scopes only. Mounted UI
 * refetches what the scopes name; the event itself is never the data.
 */
export async function publishWorkspaceEvent(
  env: Env,
  workspaceId: string,
  type: WorkspaceEventType,
  scopes: InvalidationScope[],
  ids: Record<string, string> = {},
  status?: string,
): Promise<void> {
  const event: WorkspaceEvent = { type, workspaceId, at: new Date().toISOString(), ids, scopes, ...(status ? { status } : {}) };
  await publish(env, workspaceChannel(workspaceId), [{ sourceEventId: newId("evt"), data: event }]);
}
