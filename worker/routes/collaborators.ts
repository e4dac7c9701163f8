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
import { userActor } from "../services/audit.ts";
import { recordChange } from "../services/record-change.ts";
import type { TypedWrite } from "../../platform/store/write-batch.ts";

/** The app's creator, owners and admins manage who else builds it. */
async function loadForManaging(c: Context<AppEnv>) {
  const { app } = await loadApp(c, "edit");
  if (app.createdByUserId !== actorOf(c)._id) await requirePermission(c, "apps:publish");
  return app;
}

/** A collaborator change with its audit record and the apps event, in one transaction. */
function changeCollaborators(c: Context<AppEnv>, app: AppDoc, eventName: string, userId: string, write: TypedWrite<AppDoc | null>) {
  return recordChange(c.env, {
    write,
    audit: {
      workspaceId: app.workspaceId,
      eventName,
      category: "apps",
      actor: userActor(actorOf(c)),
      target: { type: "app", id: app._id },
      relatedIds: { appId: app._id, userId },
    },
    event: { workspaceId: app.workspaceId, type: "app.updated", scopes: ["apps"], ids: { appId: app._id }, status: app.publishStatus },
  });
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
    const apps = new AppsRepository(c.env);
    const updated = app.collaboratorUserIds.includes(userId)
      ? app
      : await changeCollaborators(c, app, "app.collaborator_added", userId, apps.addCollaboratorOp(app.workspaceId, app._id, userId));
    return c.json({ collaboratorUserIds: updated?.collaboratorUserIds ?? [] }, 201);
  })
  .delete("/:userId", async (c) => {
    const app = await loadForManaging(c);
    const userId = c.req.param("userId");
    if (!app.collaboratorUserIds.includes(userId)) throw notFound("collaborator");
    const apps = new AppsRepository(c.env);
    const updated = await changeCollaborators(c, app, "app.collaborator_removed", userId, apps.removeCollaboratorOp(app.workspaceId, app._id, userId));
    return c.json({ collaboratorUserIds: updated?.collaboratorUserIds ?? [] });
  });
