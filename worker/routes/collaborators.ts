import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { loadApp } from "../guard/app-access.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { AppsRepository, type AppDoc } from "../../platform/repositories/apps.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { UsersRepository } from "../../platform/repositories/users.ts";
import { collaboratorBodySchema, type Collaborator } from "../../shared/api/publishing.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";

/** The app's creator, owners and admins manage who else builds it. */
async function loadForManaging(c: Context<AppEnv>) {
  const { app } = await loadApp(c, "edit");
  if (app.createdByUserId !== actorOf(c)._id) await requirePermission(c, "apps:publish");
  return app;
}

async function announce(c: Context<AppEnv>, app: AppDoc, eventName: string, userId: string) {
  await recordAudit(c.env, {
    workspaceId: app.workspaceId,
    eventName,
    category: "apps",
    actor: userActor(actorOf(c)),
    target: { type: "app", id: app._id },
    relatedIds: { appId: app._id, userId },
  });
  await publishWorkspaceEvent(c.env, app.workspaceId, "app.updated", ["apps"], { appId: app._id }, app.publishStatus);
}

/** /api/workspaces/:wId/apps/:aId/collaborators[/:userId] */
export const collaboratorRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { app } = await loadApp(c, "edit");
    const users = await new UsersRepository(c.env).byIds(app.collaboratorUserIds);
    const collaborators: Collaborator[] = users.map((u) => ({ userId: u._id, displayName: u.displayName, email: u.email }));
    return c.json({ collaborators });
  })
  .post("/", jsonBody(collaboratorBodySchema), async (c) => {
    const app = await loadForManaging(c);
    const { userId } = c.req.valid("json");
    // Only members of this workspace can collaborate; anyone else is unknown here.
    if (!(await new MembershipsRepository(c.env).find(app.workspaceId, userId))) throw notFound("member");
    const updated = await new AppsRepository(c.env).addCollaborator(app.workspaceId, app._id, userId);
    if (!app.collaboratorUserIds.includes(userId)) await announce(c, app, "app.collaborator_added", userId);
    return c.json({ collaboratorUserIds: updated?.collaboratorUserIds ?? [] }, 201);
  })
  .delete("/:userId", async (c) => {
    const app = await loadForManaging(c);
    const userId = c.req.param("userId");
    if (!app.collaboratorUserIds.includes(userId)) throw notFound("collaborator");
    const updated = await new AppsRepository(c.env).removeCollaborator(app.workspaceId, app._id, userId);
    await announce(c, app, "app.collaborator_removed", userId);
    return c.json({ collaboratorUserIds: updated?.collaboratorUserIds ?? [] });
  });
