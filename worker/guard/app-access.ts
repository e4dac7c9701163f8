import type { Context } from "hono";
import type { AppEnv, WorkspaceContext } from "../http/app-types.ts";
import { notFound } from "../../platform/api-error.ts";
import { actorOf } from "../auth/actor.ts";
import { AppsRepository, type AppDoc } from "../../platform/repositories/apps.ts";
import { TeamsRepository } from "../../platform/repositories/teams.ts";
import { can, type Role } from "../../shared/api/roles.ts";
import type { Env } from "../../platform/env.ts";
import { cachedRead } from "../../platform/store/access-cache.ts";

export interface AppAccess {
  /** Creator, collaborator, admin or owner: may build, and use the draft scope. */
  canEdit: boolean;
  /** May use the published version (its teams, or anyone who can edit). */
  canViewPublished: boolean;
}

/**
 * The app-level rule: owners and admins see every app; the creator and collaborators build it;
 * members of the app's teams use its published version. Nobody else sees it.
 */
export async function accessOf(env: Env, userId: string, role: Role, app: AppDoc): Promise<AppAccess> {
  const canEdit = can(role, "apps:publish") || app.createdByUserId === userId || app.collaboratorUserIds.includes(userId);
  if (canEdit) return { canEdit, canViewPublished: true };
  if (!app.publishedSnapshot) return { canEdit, canViewPublished: false };
  const myTeams = await new TeamsRepository(env).teamIdsOf(app.workspaceId, userId);
  return { canEdit, canViewPublished: app.teamIds.some((t) => myTeams.includes(t)) };
}

export const appAccess = (c: Context<AppEnv>, ws: WorkspaceContext, app: AppDoc): Promise<AppAccess> => accessOf(c.env, actorOf(c)._id, ws.role, app);

/**
 * Loads the app by { workspaceId, appId } after the workspace guard, then applies the app-level
 * rule. An app the caller may not see is a 404, exactly like an app that does not exist.
 */
export async function loadApp(c: Context<AppEnv>, need: "view" | "edit"): Promise<{ app: AppDoc; access: AppAccess }> {
  const ws = c.var.ws;
  const appId = c.req.param("aId") ?? "";
  const app = await cachedRead("apps", `${ws.workspace._id}\u0000${appId}`, () => new AppsRepository(c.env).byId(ws.workspace._id, appId));
  if (!app) throw notFound("app");
  const access = await appAccess(c, ws, app);
  const allowed = need === "edit" ? access.canEdit : access.canEdit || access.canViewPublished;
  if (!allowed) throw notFound("app");
  return { app, access };
}
