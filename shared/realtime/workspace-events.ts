import { z } from "zod";

/**
 * Workspace realtime events: invalidation hints for mounted UI. They carry ids, status, timestamps
 * and invalidation scopes only: never prompts, sources, secrets or whole documents.
 */
export const workspaceEventTypeSchema = z.enum([
  "workspace.updated",
  "member.changed",
  "team.changed",
  "invitation.changed",
  "app.created",
  "app.updated",
  "app.deleted",
  "app.published",
  "app.restored",
  "review.updated",
  "integration.changed",
  "run.stream_ready",
  "run.completed",
  "agent_run.updated",
]);
export type WorkspaceEventType = z.infer<typeof workspaceEventTypeSchema>;

export const invalidationScopeSchema = z.enum(["workspace", "members", "teams", "invitations", "apps", "reviews", "integrations", "runs", "audit", "me"]);
export type InvalidationScope = z.infer<typeof invalidationScopeSchema>;

export const workspaceEventSchema = z.object({
  type: workspaceEventTypeSchema,
  workspaceId: z.string(),
  at: z.string(),
  ids: z.record(z.string(), z.string()).default({}),
  status: z.string().optional(),
  scopes: z.array(invalidationScopeSchema),
});
export type WorkspaceEvent = z.infer<typeof workspaceEventSchema>;

/** What a subscriber receives: a workspace event, or `reset` when its resume point is gone. */
export const workspaceStreamMessageSchema = z.union([workspaceEventSchema, z.object({ type: z.literal("reset") })]);
