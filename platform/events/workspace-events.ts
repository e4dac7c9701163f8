import type { Env } from "../env.ts";
import { workspaceChannel } from "../realtime/channel-client.ts";
import { announce } from "../store/store-client.ts";
import { WorkspacesRepository } from "../repositories/workspaces.ts";
import type { Announcement, TypedWrite } from "../store/write-batch.ts";
import type { UpdateResult } from "../store/document-store.ts";
import type { InvalidationScope, WorkspaceEvent, WorkspaceEventType } from "../../shared/realtime/workspace-events.ts";

/** The scopes the settings read models project (worker/read-models/settings-read-models.ts). */
const SETTINGS_SCOPES: ReadonlySet<InvalidationScope> = new Set(["members", "teams", "invitations", "integrations"]);

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
 * An event about who is in the workspace moves its membership version, so a settings read it makes
 * clients repeat does not join a read of the old data; null for other events. In recordChange the
 * bump commits with the change; publishWorkspaceEvent makes it before announcing.
 */
export function membershipVersionBump(env: Env, input: WorkspaceEventInput): TypedWrite<UpdateResult> | null {
  return input.scopes.some((scope) => SETTINGS_SCOPES.has(scope)) ? new WorkspacesRepository(env).bumpMembershipVersionOp(input.workspaceId) : null;
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
  const input = { workspaceId, type, scopes, ids, status };
  // Before the announcement: a refetch it triggers must not join a settings read of the old data.
  const bump = membershipVersionBump(env, input);
  if (bump) await new WorkspacesRepository(env).apply(bump);
  const { channel, event } = workspaceAnnouncement(input);
  await announce(env, channel, [event]);
}
