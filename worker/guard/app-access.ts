import type { Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../http/api-error.ts";
import { actorOf } from "../auth/actor.ts";
import { AppsRepository, type AppDoc } from "../repositories/apps.ts";
import { TeamsRepository } from "../repositories/teams.ts";
import { can } from "../../shared/api/roles.ts";
import type { WorkspaceContext } from "./workspace-context.ts";

export interface AppAccess {
  /** Creator, collaborator, admin or owner: may build, and use the draft scope. */
  canEdit: boolean;
  /** May use the published version (its teams, or anyone who can edit). */
  canViewPublished: boolean;
}

export async function appAccess(c: Context<AppEnv>, ws: WorkspaceContext, app: AppDoc): Promise<AppAccess> {
  const userId = actorOf(c)._id;
  const canEdit = can(ws.role, "apps:publish") || app.createdByUserId === userId || app.collaboratorUserIds.includes(userId);
  if (canEdit) return { canEdit, canViewPublished: true };
  if (!app.publishedSnapshot) return { canEdit, canViewPublished: false };
  const myTeams = await new TeamsRepository(c.env).teamIdsOf(ws.workspace._id, userId);
  return { canEdit, canViewPublished: app.teamIds.some((t) => myTeams.includes(t)) };
}

/**
 * Loads the app by { workspaceId, appId } after the workspace guard, then applies the app-level
 * rule. An app the caller may not see is a 404, exactly like an app that does not exist.
 */
export async function loadApp(c: Context<AppEnv>, need: "view" | "edit"): Promise<{ app: AppDoc; access: AppAccess }> {
  const ws = c.var.ws;
  const app = await new AppsRepository(c.env).byId(ws.workspace._id, c.req.param("aId") ?? "");
  if (!app) throw notFound("app");
  const access = await appAccess(c, ws, app);
  const allowed = need === "edit" ? access.canEdit : access.canEdit || access.canViewPublished;
  if (!allowed) throw notFound("app");
  return { app, access };
}
