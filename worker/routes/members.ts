import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { authMode } from "../auth/auth-mode.ts";
import { deny, requirePermission } from "../guard/workspace-context.ts";
import { addMemberBodySchema, updateMemberBodySchema } from "../../shared/api/workspaces.ts";
import type { Role } from "../../shared/api/roles.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { UsersRepository } from "../../platform/repositories/users.ts";
import { DuplicateKeyError } from "../../platform/store/store-client.ts";
import { changeRole, joinGeneral, removeMember } from "../services/membership-service.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";
import { membersReadModel, settingsRead } from "../read-models/settings-read-models.ts";

/** Only an owner may touch an owner, or make someone owner (an audited denial otherwise). */
async function assertMayManage(c: Context<AppEnv>, actorRole: Role, targetRole: Role, newRole?: Role) {
  if (actorRole !== "owner" && (targetRole === "owner" || newRole === "owner")) {
    await deny(c, { rule: "owners_only" }, new ApiError("forbidden", "Only an owner can change an owner's membership or make someone owner."));
  }
}

export const memberRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const ws = await requirePermission(c, "members:read");
    return c.json({ members: await settingsRead(c, ws, "members", membersReadModel) });
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
    const member = (await membersReadModel(c.env, workspace._id)).find((m) => m.userId === user._id);
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
    const member = (await membersReadModel(c.env, workspace._id)).find((m) => m.userId === userId);
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
