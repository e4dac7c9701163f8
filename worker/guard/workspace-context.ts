import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv, WorkspaceContext } from "../http/app-types.ts";
import { type ApiError, forbidden, notFound } from "../../platform/api-error.ts";
import { actorOf } from "../auth/actor.ts";
import { WorkspacesRepository } from "../../platform/repositories/workspaces.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { can, type Permission } from "../../shared/api/roles.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { cachedRead } from "../../platform/store/access-cache.ts";

/**
 * The tenancy guard (docs/architecture.md#scopes-and-tenancy): who -> which workspace -> member? (else 404, never revealing
 * that the workspace exists) -> the route's named permission (else 403, audited).
 */
export const requireWorkspaceContext = createMiddleware<AppEnv>(async (c, next) => {
  const actor = actorOf(c);
  const workspaceId = c.req.param("wId");
  if (!workspaceId) throw notFound("workspace");
  const memberships = new MembershipsRepository(c.env);
  // Cached per isolate with versioned invalidation (worker/store/access-cache.ts): a warm request reads nothing here.
  const [workspace, membership] = await Promise.all([
    cachedRead("workspaces", workspaceId, () => new WorkspacesRepository(c.env).byId(workspaceId)),
    cachedRead("workspace_memberships", `${workspaceId}\u0000${actor._id}`, () => memberships.find(workspaceId, actor._id)),
  ]);
  // Having no workspace at all changes nothing: a foreign workspace is a 404 for everyone.
  if (!workspace || !membership) throw notFound("workspace");
  c.set("ws", { workspace, membership, role: membership.role });
  await next();
});

export async function requirePermission(c: Context<AppEnv>, permission: Permission): Promise<WorkspaceContext> {
  const ws = c.var.ws;
  if (can(ws.role, permission)) return ws;
  return deny(c, { permission }, forbidden(permission));
}

/** Every authorization denial inside a workspace is audited, then answered with 403. */
export async function deny(c: Context<AppEnv>, metadata: Record<string, string>, error: ApiError): Promise<never> {
  const ws = c.var.ws;
  await recordAudit(c.env, {
    workspaceId: ws.workspace._id,
    eventName: "authorization.denied",
    category: "access",
    actor: userActor(actorOf(c)),
    target: { type: "route", id: `${c.req.method} ${c.req.routePath}` },
    outcome: "denied",
    metadata: { ...metadata, role: ws.role },
  });
  throw error;
}

/** Middleware form of requirePermission for routes that need one permission and nothing else first. */
export const permit = (permission: Permission) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await requirePermission(c, permission);
    await next();
  });
