import type { Env } from "../env.ts";
import { workspaceChannel } from "../realtime/channel-client.ts";
import { announce } from "../store/store-client.ts";
import type { Announcement } from "../../durable-objects/store-gateway/write-batch.ts";
import type { InvalidationScope, WorkspaceEvent, WorkspaceEventType } from "../../shared/realtime/workspace-events.ts";

export interface WorkspaceEventInput {
  workspaceId: string;
  type: WorkspaceEventType;
  scopes: InvalidationScope[];
  ids?: Record<string, string>;
  status?: string | undefined;
}

/** A workspace event as an outbox entry for its workspace's channel. */
export function workspaceAnnouncement(input: WorkspaceEventInput): Announcement {
  const event: WorkspaceEvent = {
    type: input.type,
    workspaceId: input.workspaceId,
    at: new Date().toISOString(),
    ids: input.ids ?? {},
    scopes: input.scopes,
    ...(input.status ? { status: input.status } : {}),
  };
  return { channel: workspaceChannel(input.workspaceId), event };
}

/**
 * Announces a workspace realtime event: ids, status, time and invalidation scopes only. Mounted UI
 * refetches what the scopes name; the event itself is never the data. It goes through the store
 * gateway's outbox, so a mutation never fails (or is lost) on its announcement. A change announces
 * through recordChange (services/record-change.ts), in the change's own transaction.
 */
export async function publishWorkspaceEvent(
  env: Env,
  workspaceId: string,
  type: WorkspaceEventType,
  scopes: InvalidationScope[],
  ids: Record<string, string> = {},
  status?: string,
): Promise<void> {
  const { channel, event } = workspaceAnnouncement({ workspaceId, type, scopes, ids, status });
  await announce(env, channel, [event]);
}
