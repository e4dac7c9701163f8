import type { Env } from "../env.ts";
import { workspaceChannel } from "../realtime/channel-client.ts";
import { announce } from "../store/store-client.ts";
import { WorkspacesRepository } from "../repositories/workspaces.ts";
import type { InvalidationScope, WorkspaceEvent, WorkspaceEventType } from "../../shared/realtime/workspace-events.ts";

/** The scopes the settings read models project (worker/read-models/settings-read-models.ts). */
const SETTINGS_SCOPES: ReadonlySet<InvalidationScope> = new Set(["members", "teams", "invitations", "integrations"]);

/**
 * Announces a workspace realtime event: ids, status, time and invalidation scopes only. Mounted UI
 * refetches what the scopes name; the event itself is never the data. It goes through the store
 * gateway's outbox, so a mutation never fails (or is lost) on its announcement.
 */
export async function publishWorkspaceEvent(
  env: Env,
  workspaceId: string,
  type: WorkspaceEventType,
  scopes: InvalidationScope[],
  ids: Record<string, string> = {},
  status?: string,
): Promise<void> {
  // Before the announcement: a refetch it triggers must not join a settings read of the old data.
  if (scopes.some((scope) => SETTINGS_SCOPES.has(scope))) await new WorkspacesRepository(env).bumpMembershipVersion(workspaceId);
  const event: WorkspaceEvent = { type, workspaceId, at: new Date().toISOString(), ids, scopes, ...(status ? { status } : {}) };
  await announce(env, workspaceChannel(workspaceId), [event]);
}
