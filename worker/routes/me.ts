import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { actorOf, requireActor } from "../auth/actor.ts";
import { authMode } from "../auth/auth-mode.ts";
import { toUser } from "../../platform/repositories/users.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { WorkspacesRepository } from "../../platform/repositories/workspaces.ts";
import { acceptPendingInvitations } from "../services/membership-service.ts";
import type { Me } from "../../shared/api/identity.ts";

export const meRoutes = new Hono<AppEnv>().use("*", requireActor).get("/", async (c) => {
  const actor = actorOf(c);
  // Loading the app is signing in: that is when external-mode invitations are accepted.
  if (authMode(c.env) === "external") await acceptPendingInvitations(c.env, actor);
  const memberships = await new MembershipsRepository(c.env).listForUser(actor._id);
  const workspaces = await new WorkspacesRepository(c.env).byIds(memberships.map((m) => m.workspaceId));
  const byId = new Map(workspaces.map((w) => [w._id, w]));
  const body: Me = {
    user: toUser(actor),
    authMode: authMode(c.env),
    workspaces: memberships.flatMap((m) => {
      const w = byId.get(m.workspaceId);
      return w ? [{ id: w._id, slug: w.slug, name: w.name, role: m.role }] : [];
    }),
  };
  return c.json(body);
});
