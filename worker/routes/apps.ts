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
import { userActor, type AuditInput } from "../services/audit.ts";
import { recordChange } from "../services/record-change.ts";
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
import { appImportRoutes } from "./app-import.ts";

/** The audit record of a change to an app, for recordChange. */
function appAudit(c: Context<AppEnv>, app: AppDoc, eventName: string, changes?: Record<string, [unknown, unknown]>): AuditInput {
  return {
    workspaceId: app.workspaceId,
    eventName,
    category: "apps",
    actor: userActor(actorOf(c)),
    target: { type: "app", id: app._id },
    relatedIds: { appId: app._id },
    // The name at the time, so the log still reads well after a rename or deletion.
    metadata: { appName: app.name },
    ...(changes ? { changes } : {}),
  };
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
    const apps = new AppsRepository(c.env);
    const draft = apps.newApp(ws.workspace._id, body.name, body.description, actorOf(c)._id);
    const app = await recordChange(c.env, {
      write: apps.insertOp(draft),
      audit: appAudit(c, draft, "app.created"),
      event: { workspaceId: ws.workspace._id, type: "app.created", scopes: ["apps"], ids: { appId: draft._id }, status: draft.publishStatus },
    });
    return c.json({ app: toApp(app, { canEdit: true, canViewPublished: true }) }, 201);
  })
  .route("/import", appImportRoutes)
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
    const changes: Record<string, [unknown, unknown]> = {};
    for (const key of Object.keys(body) as (keyof typeof body)[]) changes[key] = [app[key], body[key]];
    const updated = await recordChange(c.env, {
      write: new AppsRepository(c.env).updateOp(app.workspaceId, app._id, body),
      audit: appAudit(c, app, "app.updated", changes),
      event: { workspaceId: app.workspaceId, type: "app.updated", scopes: ["apps"], ids: { appId: app._id }, status: app.publishStatus },
    });
    if (!updated) throw notFound("app");
    return c.json({ app: toApp(updated, access) });
  })
  .delete("/:aId", async (c) => {
    const { app } = await loadApp(c, "edit");
    if (app.createdByUserId !== actorOf(c)._id) await requirePermission(c, "apps:publish");
    const deleted = await recordChange(c.env, {
      write: new AppsRepository(c.env).softDeleteOp(app.workspaceId, app._id, actorOf(c)._id),
      audit: appAudit(c, app, "app.deleted"),
      event: { workspaceId: app.workspaceId, type: "app.deleted", scopes: ["apps"], ids: { appId: app._id } },
    });
    if (!deleted?.deletedAt) throw notFound("app");
    return c.json({ ok: true, restorableUntil: restorableUntil(deleted.deletedAt).toISOString() });
  })
  .post("/:aId/restore", async (c) => {
    const ws = c.var.ws;
    const repo = new AppsRepository(c.env);
    const app = await repo.deletedById(ws.workspace._id, c.req.param("aId"));
    const actorId = actorOf(c)._id;
    const mayRestore = app && (can(ws.role, "apps:publish") || app.createdByUserId === actorId || app.deletedByUserId === actorId);
    if (!app || !mayRestore) throw notFound("deleted app");
    const restored = await recordChange(c.env, {
      write: repo.restoreOp(ws.workspace._id, app._id),
      audit: appAudit(c, app, "app.restored"),
      event: { workspaceId: app.workspaceId, type: "app.restored", scopes: ["apps"], ids: { appId: app._id }, status: app.publishStatus },
    });
    if (!restored) throw notFound("deleted app");
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
