import { Hono } from "hono";
import { settingsRead, invitationsReadModel } from "../read-models/settings-read-models.ts";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf, requireActor } from "../auth/actor.ts";
import { authMode } from "../auth/auth-mode.ts";
import { deny, requirePermission } from "../guard/workspace-context.ts";
import { createInvitationBodySchema } from "../../shared/api/workspaces.ts";
import { InvitationsRepository } from "../../platform/repositories/invitations.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { TeamsRepository } from "../../platform/repositories/teams.ts";
import { UsersRepository } from "../../platform/repositories/users.ts";
import { acceptInvitation } from "../services/membership-service.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";
import { toInvitation } from "./view-models.ts";

const NEEDS_EXTERNAL =
  "Invitations need external auth (SECOND_AUTH_MODE=external), where the identity provider proves who accepts. Locally, add people under Members, or run scripts/local-workspace-member.mjs.";

const UNVERIFIED =
  "Your identity provider has not verified your email address, and only a verified address can accept an invitation. Verify it with your provider, then sign in again.";

/** Workspace-scoped: /api/workspaces/:wId/invitations */
export const invitationRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const ws = await requirePermission(c, "members:invite");
    return c.json({ invitations: await settingsRead(c, ws, "invitations", invitationsReadModel), authMode: authMode(c.env) });
  })
  .post("/", jsonBody(createInvitationBodySchema), async (c) => {
    const { workspace, role } = await requirePermission(c, "members:invite");
    if (authMode(c.env) !== "external") throw new ApiError("auth_mode_unsupported", NEEDS_EXTERNAL);
    const body = c.req.valid("json");
    if (body.role === "owner" && role !== "owner") await deny(c, { rule: "owners_only" }, new ApiError("forbidden", "Only an owner can invite an owner."));
    const teams = await new TeamsRepository(c.env).byIds(workspace._id, body.teamIds);
    if (teams.length !== new Set(body.teamIds).size) throw notFound("team");
    const existingUser = await new UsersRepository(c.env).byEmail(body.email);
    if (existingUser && (await new MembershipsRepository(c.env).find(workspace._id, existingUser._id))) {
      throw new ApiError("duplicate", `${body.email} is already a member.`);
    }
    const invitations = new InvitationsRepository(c.env);
    if (await invitations.pendingInWorkspace(workspace._id, body.email)) {
      throw new ApiError("duplicate", `${body.email} already has a pending invitation.`);
    }
    const invitation = await invitations.insert(workspace._id, body.email, body.role, body.teamIds, actorOf(c)._id);
    await recordAudit(c.env, {
      workspaceId: workspace._id,
      eventName: "member.invited",
      category: "members",
      actor: userActor(actorOf(c)),
      target: { type: "invitation", id: invitation._id },
      metadata: { role: body.role, teamCount: body.teamIds.length },
    });
    await publishWorkspaceEvent(c.env, workspace._id, "invitation.changed", ["invitations"], { invitationId: invitation._id });
    return c.json({ invitation: toInvitation(invitation) }, 201);
  })
  .delete("/:invitationId", async (c) => {
    const { workspace } = await requirePermission(c, "members:invite");
    const revoked = await new InvitationsRepository(c.env).revoke(workspace._id, c.req.param("invitationId"));
    if (!revoked) throw notFound("invitation");
    await recordAudit(c.env, {
      workspaceId: workspace._id,
      eventName: "member.invitation_revoked",
      category: "members",
      actor: userActor(actorOf(c)),
      target: { type: "invitation", id: revoked._id },
    });
    await publishWorkspaceEvent(c.env, workspace._id, "invitation.changed", ["invitations"], { invitationId: revoked._id });
    return c.json({ invitation: toInvitation(revoked) });
  });

/** For the invitee: /api/invitations/:id/accept. Only the invited email can accept. */
export const invitationAcceptRoutes = new Hono<AppEnv>().use("*", requireActor).post("/:invitationId/accept", async (c) => {
  const actor = actorOf(c);
  if (authMode(c.env) !== "external") throw new ApiError("auth_mode_unsupported", NEEDS_EXTERNAL);
  if (!actor.emailVerified) throw new ApiError("forbidden", UNVERIFIED);
  const invitation = await new InvitationsRepository(c.env).pendingForEmailById(c.req.param("invitationId"), actor.email);
  if (!invitation) throw notFound("invitation");
  await acceptInvitation(c.env, invitation, actor);
  return c.json({ workspaceId: invitation.workspaceId, role: invitation.role });
});
