import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { appAccess, loadApp } from "../guard/app-access.ts";
import { AppsRepository, restorableUntil, type AppDoc } from "../../platform/repositories/apps.ts";
import { toApp } from "./view-models.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { TeamsRepository } from "../../platform/repositories/teams.ts";
import { createAppBodySchema, updateAppBodySchema } from "../../shared/api/apps.ts";
import { can } from "../../shared/api/roles.ts";
import { notFound } from "../../platform/api-error.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";
import { appDataRoutes } from "./app-data.ts";
import { appFileRoutes } from "./app-files.ts";
import { runRoutes } from "./runs.ts";
import { appAgentRoutes } from "./app-agents.ts";
import { appAgentRunRoutes } from "./app-agent-runs.ts";
import { collaboratorRoutes } from "./collaborators.ts";
import { publishRoutes } from "./publishing.ts";
import { assertTeams } from "../services/publishing.ts";
import { appIntegrationRoutes } from "./integrations.ts";
import { appToolRoutes } from "./app-tools.ts";

async function audit(c: Context<AppEnv>, app: AppDoc, eventName: string, changes?: Record<string, [unknown, unknown]>) {
  await recordAudit(c.env, {
    workspaceId: app.workspaceId,
    eventName,
    category: "apps",
    actor: userActor(actorOf(c)),
    target: { type: "app", id: app._id },
    relatedIds: { appId: app._id },
    // The name at the time, so the log still reads well after a rename or deletion.
    metadata: { appName: app.name },
    ...(changes ? { changes } : {}),
  });
}

/** /api/workspaces/:wId/apps (publishing, versions and collaborators in their own routers). */
export const appRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const ws = await requirePermission(c, "workspace:read");
    const actor = actorOf(c);
    const teamIds = await new TeamsRepository(c.env).teamIdsOf(ws.workspace._id, actor._id);
    const apps = await new AppsRepository(c.env).listVisible(ws.workspace._id, can(ws.role, "apps:publish"), actor._id, teamIds);
    const visible = await Promise.all(apps.map(async (a) => toApp(a, await appAccess(c, ws, a))));
    return c.json({ apps: visible });
  })
  .post("/", jsonBody(createAppBodySchema), async (c) => {
    const ws = await requirePermission(c, "apps:create");
    const body = c.req.valid("json");
    const app = await new AppsRepository(c.env).insert(ws.workspace._id, body.name, body.description, actorOf(c)._id);
    await audit(c, app, "app.created");
    await publishWorkspaceEvent(c.env, ws.workspace._id, "app.created", ["apps"], { appId: app._id }, app.publishStatus);
    return c.json({ app: toApp(app, { canEdit: true, canViewPublished: true }) }, 201);
  })
  .get("/deleted", async (c) => {
    const ws = await requirePermission(c, "workspace:read");
    const apps = await new AppsRepository(c.env).listRestorable(ws.workspace._id, can(ws.role, "apps:publish"), actorOf(c)._id);
    return c.json({
      apps: apps.map((a) => ({ id: a._id, name: a.name, deletedAt: a.deletedAt!.toISOString(), restorableUntil: restorableUntil(a.deletedAt!).toISOString() })),
    });
  })
  .get("/:aId", async (c) => {
    const { app, access } = await loadApp(c, "view");
    return c.json({ app: toApp(app, access) });
  })
  .patch("/:aId", jsonBody(updateAppBodySchema), async (c) => {
    const { app, access } = await loadApp(c, "edit");
    const body = c.req.valid("json");
    // Who builds the app is the creator's (or an admin's) call; who uses it, an owner's or admin's.
    if (body.collaboratorUserIds && app.createdByUserId !== actorOf(c)._id) await requirePermission(c, "apps:publish");
    if (body.teamIds) {
      await requirePermission(c, "apps:publish");
      body.teamIds = await assertTeams(c.env, app.workspaceId, body.teamIds);
    }
    if (body.collaboratorUserIds) {
      const memberships = new MembershipsRepository(c.env);
      for (const userId of body.collaboratorUserIds) {
        if (!(await memberships.find(app.workspaceId, userId)))
          throw new ApiError("validation_failed", "Collaborators must be members of the workspace.", [{ path: "collaboratorUserIds", message: `${userId} is not a member` }]);
      }
    }
    const updated = await new AppsRepository(c.env).update(app.workspaceId, app._id, body);
    const changes: Record<string, [unknown, unknown]> = {};
    for (const key of Object.keys(body) as (keyof typeof body)[]) changes[key] = [app[key], body[key]];
    await audit(c, app, "app.updated", changes);
    await publishWorkspaceEvent(c.env, app.workspaceId, "app.updated", ["apps"], { appId: app._id }, updated!.publishStatus);
    return c.json({ app: toApp(updated!, access) });
  })
  .delete("/:aId", async (c) => {
    const { app } = await loadApp(c, "edit");
    if (app.createdByUserId !== actorOf(c)._id) await requirePermission(c, "apps:publish");
    const deleted = await new AppsRepository(c.env).softDelete(app.workspaceId, app._id, actorOf(c)._id);
    if (!deleted?.deletedAt) throw notFound("app");
    await audit(c, app, "app.deleted");
    await publishWorkspaceEvent(c.env, app.workspaceId, "app.deleted", ["apps"], { appId: app._id });
    return c.json({ ok: true, restorableUntil: restorableUntil(deleted.deletedAt).toISOString() });
  })
  .post("/:aId/restore", async (c) => {
    const ws = c.var.ws;
    const repo = new AppsRepository(c.env);
    const app = await repo.deletedById(ws.workspace._id, c.req.param("aId"));
    const actorId = actorOf(c)._id;
    const mayRestore = app && (can(ws.role, "apps:publish") || app.createdByUserId === actorId || app.deletedByUserId === actorId);
    if (!app || !mayRestore) throw notFound("deleted app");
    const restored = await repo.restore(ws.workspace._id, app._id);
    if (!restored) throw notFound("deleted app");
    await audit(c, restored, "app.restored");
    await publishWorkspaceEvent(c.env, app.workspaceId, "app.restored", ["apps"], { appId: app._id }, restored.publishStatus);
    return c.json({ app: toApp(restored, await appAccess(c, ws, restored)) });
  })
  .route("/:aId/data", appDataRoutes)
  .route("/:aId/files", appFileRoutes)
  .route("/:aId/runs", runRoutes)
  .route("/:aId/agents", appAgentRoutes)
  .route("/:aId/collaborators", collaboratorRoutes)
  .route("/:aId/agent-runs", appAgentRunRoutes)
  .route("/:aId/integrations", appIntegrationRoutes)
  .route("/:aId/tools", appToolRoutes)
  .route("/:aId", publishRoutes);
