import type { Env } from "../../platform/env.ts";
import { ApiError } from "../../platform/api-error.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { TeamsRepository } from "../../platform/repositories/teams.ts";
import { ConnectedAccountsRepository } from "../../platform/repositories/connected-accounts.ts";
import { InvitationsRepository, type InvitationDoc } from "../../platform/repositories/invitations.ts";
import { UsersRepository, type UserDoc } from "../../platform/repositories/users.ts";
import type { Role } from "../../shared/api/roles.ts";
import { recordAudit, userActor } from "./audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";

/** New members always join the workspace's General team. */
export async function joinGeneral(env: Env, workspaceId: string, userId: string): Promise<void> {
  const teams = new TeamsRepository(env);
  const general = await teams.defaultTeam(workspaceId);
  if (general) await teams.addMember(workspaceId, general._id, userId);
}

/**
 * Accepts a pending invitation for the user it was sent to: membership upserted with the invited
 * role, General and the invited teams joined, the invitation marked accepted exactly once.
 */
export async function acceptInvitation(env: Env, invitation: InvitationDoc, user: UserDoc): Promise<void> {
  if (!user.emailVerified) throw new ApiError("forbidden", "Only an email address verified by the identity provider can accept an invitation.");
  const accepted = await new InvitationsRepository(env).markAccepted(invitation.workspaceId, invitation._id, user._id);
  if (!accepted) return; // another sign-in accepted it first
  await new MembershipsRepository(env).upsert(invitation.workspaceId, user._id, invitation.role);
  await joinGeneral(env, invitation.workspaceId, user._id);
  const teams = new TeamsRepository(env);
  for (const team of await teams.byIds(invitation.workspaceId, invitation.teamIds)) {
    await teams.addMember(invitation.workspaceId, team._id, user._id);
  }
  await recordAudit(env, {
    workspaceId: invitation.workspaceId,
    eventName: "member.joined",
    category: "members",
    actor: userActor(user),
    target: { type: "user", id: user._id },
    metadata: { role: invitation.role, via: "invitation" },
    relatedIds: { invitationId: invitation._id },
  });
  await publishWorkspaceEvent(env, invitation.workspaceId, "member.changed", ["members", "invitations", "teams"], { userId: user._id });
}

/**
 * Every pending invitation for this person's email, accepted on sign-in (external mode), and only
 * when the identity provider verified that email: an unverified address proves nothing.
 */
export async function acceptPendingInvitations(env: Env, user: UserDoc): Promise<number> {
  if (!user.emailVerified) return 0;
  const pending = await new InvitationsRepository(env).pendingForEmail(user.email);
  for (const invitation of pending) await acceptInvitation(env, invitation, user);
  return pending.length;
}

/**
 * Applies a role change or removal, then re-checks that an owner remains; if a concurrent change
 * left none, this one is undone and refused, so a workspace never ends up ownerless.
 */
export async function changeRole(env: Env, workspaceId: string, userId: string, from: Role, to: Role): Promise<void> {
  const memberships = new MembershipsRepository(env);
  if (from === "owner" && to !== "owner" && (await memberships.countOwners(workspaceId)) <= 1) {
    throw new ApiError("last_owner", "A workspace needs at least one owner: make someone else owner first.");
  }
  const changed = await memberships.setRole(workspaceId, userId, from, to);
  if (!changed) throw new ApiError("conflict", "The member's role changed meanwhile; reload and try again.");
  if (from === "owner" && (await memberships.countOwners(workspaceId)) === 0) {
    await memberships.setRole(workspaceId, userId, to, from);
    throw new ApiError("last_owner", "A workspace needs at least one owner: make someone else owner first.");
  }
}

export async function removeMember(env: Env, workspaceId: string, userId: string, role: Role): Promise<void> {
  const memberships = new MembershipsRepository(env);
  if (role === "owner" && (await memberships.countOwners(workspaceId)) <= 1) {
    throw new ApiError("last_owner", "The last owner cannot leave or be removed: make someone else owner first.");
  }
  await memberships.remove(workspaceId, userId);
  if (role === "owner" && (await memberships.countOwners(workspaceId)) === 0) {
    await memberships.insert(workspaceId, userId, role);
    throw new ApiError("last_owner", "The last owner cannot leave or be removed: make someone else owner first.");
  }
  await new TeamsRepository(env).removeUserEverywhere(workspaceId, userId);
  // Their OAuth tokens for this workspace's providers go too: nothing there may act as them any more.
  await new ConnectedAccountsRepository(env).removeForUser(workspaceId, userId);
  // Someone removed from their last workspace keeps no session that was issued while they belonged.
  if ((await memberships.listForUser(userId)).length === 0) await new UsersRepository(env).endSessions(userId);
}
