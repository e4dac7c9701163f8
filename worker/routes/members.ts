import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { authMode } from "../auth/auth-mode.ts";
import { deny, requirePermission } from "../guard/workspace-context.ts";
import { addMemberBodySchema, updateMemberBodySchema, type Member } from "../../shared/api/workspaces.ts";
import type { Role } from "../../shared/api/roles.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { UsersRepository } from "../../platform/repositories/users.ts";
import { TeamsRepository } from "../../platform/repositories/teams.ts";
import { DuplicateKeyError } from "../../platform/store/store-client.ts";
import { changeRole, joinGeneral, removeMember } from "../services/membership-service.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";

/** Only an owner may touch an owner, or make someone owner (an audited denial otherwise). */
async function assertMayManage(c: Context<AppEnv>, actorRole: Role, targetRole: Role, newRole?: Role) {
  if (actorRole !== "owner" && (targetRole === "owner" || newRole === "owner")) {
    await deny(c, { rule: "owners_only" }, new ApiError("forbidden", "Only an owner can change an owner's membership or make someone owner."));
  }
}

async function memberList(c: Context<AppEnv>, workspaceId: string): Promise<Member[]> {
  const memberships = await new MembershipsRepository(c.env).listForWorkspace(workspaceId);
  const [users, teamRows] = await Promise.all([new UsersRepository(c.env).byIds(memberships.map((m) => m.userId)), new TeamsRepository(c.env).membershipsInWorkspace(workspaceId)]);
  const byId = new Map(users.map((u) => [u._id, u]));
  return memberships.flatMap((m) => {
    const user = byId.get(m.userId);
    if (!user) return [];
    const teamIds = teamRows.filter((t) => t.userId === m.userId).map((t) => t.teamId);
    return [{ userId: m.userId, displayName: user.displayName, email: user.email, role: m.role, joinedAt: m.createdAt.toISOString(), teamIds }];
  });
}

export const memberRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { workspace } = await requirePermission(c, "members:read");
    return c.json({ members: await memberList(c, workspace._id) });
  })
  /** `none` mode has no invitations: an admin adds a local person directly. */
  .post("/", jsonBody(addMemberBodySchema), async (c) => {
    const { workspace, role: actorRole } = await requirePermission(c, "members:manage");
    if (authMode(c.env) !== "none") {
      throw new ApiError("auth_mode_unsupported", "With external auth, add people by invitation: POST .../invitations.");
    }
    const body = c.req.valid("json");
    await assertMayManage(c, actorRole, "member", body.role);
    const users = new UsersRepository(c.env);
    const user = (await users.byEmail(body.email)) ?? (await users.upsertByEmail(body.email, body.displayName));
    try {
      await new MembershipsRepository(c.env).insert(workspace._id, user._id, body.role);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new ApiError("duplicate", `${body.email} is already a member of this workspace.`);
      throw error;
    }
    await joinGeneral(c.env, workspace._id, user._id);
    await recordAudit(c.env, {
      workspaceId: workspace._id,
      eventName: "member.added",
      category: "members",
      actor: userActor(actorOf(c)),
      target: { type: "user", id: user._id },
      metadata: { role: body.role },
    });
    await publishWorkspaceEvent(c.env, workspace._id, "member.changed", ["members", "teams"], { userId: user._id });
    const member = (await memberList(c, workspace._id)).find((m) => m.userId === user._id);
    return c.json({ member }, 201);
  })
  .patch("/:userId", jsonBody(updateMemberBodySchema), async (c) => {
    const { workspace, role: actorRole } = await requirePermission(c, "members:manage");
    const body = c.req.valid("json");
    const userId = c.req.param("userId");
    const target = await new MembershipsRepository(c.env).find(workspace._id, userId);
    if (!target) throw notFound("member");
    await assertMayManage(c, actorRole, target.role, body.role);
    if (target.role !== body.role) {
      await changeRole(c.env, workspace._id, userId, target.role, body.role);
      await recordAudit(c.env, {
        workspaceId: workspace._id,
        eventName: "member.role_changed",
        category: "members",
        actor: userActor(actorOf(c)),
        target: { type: "user", id: userId },
        metadata: { from: target.role, to: body.role },
        changes: { role: [target.role, body.role] },
      });
      await publishWorkspaceEvent(c.env, workspace._id, "member.changed", ["members", "me"], { userId });
    }
    const member = (await memberList(c, workspace._id)).find((m) => m.userId === userId);
    return c.json({ member });
  })
  .delete("/:userId", async (c) => {
    const actor = actorOf(c);
    const userId = c.req.param("userId");
    const leaving = userId === actor._id;
    const { workspace, role: actorRole } = leaving ? c.var.ws : await requirePermission(c, "members:manage");
    const target = await new MembershipsRepository(c.env).find(workspace._id, userId);
    if (!target) throw notFound("member");
    if (!leaving) await assertMayManage(c, actorRole, target.role);
    await removeMember(c.env, workspace._id, userId, target.role);
    await recordAudit(c.env, {
      workspaceId: workspace._id,
      eventName: leaving ? "member.left" : "member.removed",
      category: "members",
      actor: userActor(actor),
      target: { type: "user", id: userId },
      metadata: { role: target.role },
    });
    await publishWorkspaceEvent(c.env, workspace._id, "member.changed", ["members", "teams", "me"], { userId });
    return c.json({ ok: true });
  });
