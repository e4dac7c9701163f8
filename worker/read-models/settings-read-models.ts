import type { Context } from "hono";
import type { AppEnv, WorkspaceContext } from "../http/app-types.ts";
import type { Env } from "../../platform/env.ts";
import { actorOf } from "../auth/actor.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { UsersRepository } from "../../platform/repositories/users.ts";
import { TeamsRepository } from "../../platform/repositories/teams.ts";
import { InvitationsRepository } from "../../platform/repositories/invitations.ts";
import { toInvitation, toTeam } from "../routes/view-models.ts";
import { ReadDedupe } from "./read-dedupe.ts";
import type { Invitation, Member, Team } from "../../shared/api/workspaces.ts";

/** Identical settings reads arriving together (every open tab refetching on one event) share one store read. */
export const SETTINGS_READ_WINDOW_MS = 500;
const dedupe = new ReadDedupe(SETTINGS_READ_WINDOW_MS);

/**
 * Serves a settings read model, shared with identical reads of the same person, role and membership
 * version. Call it after the route authorized the request (requirePermission): sharing never
 * replaces that check.
 */
export function settingsRead<T>(c: Context<AppEnv>, ws: WorkspaceContext, query: string, read: (env: Env, workspaceId: string) => Promise<T>): Promise<T> {
  const key = { workspaceId: ws.workspace._id, userId: actorOf(c)._id, role: ws.role, membershipVersion: ws.workspace.membershipVersion ?? 0, query };
  return dedupe.share(key, () => read(c.env, ws.workspace._id));
}

/** Members with their teams, from three projected reads (no session, identity or audit fields). */
export async function membersReadModel(env: Env, workspaceId: string): Promise<Member[]> {
  const roster = await new MembershipsRepository(env).rosterOf(workspaceId);
  const [users, pairs] = await Promise.all([new UsersRepository(env).profilesOf(roster.map((m) => m.userId)), new TeamsRepository(env).membershipPairs(workspaceId)]);
  const byId = new Map(users.map((u) => [u._id, u]));
  const teamsOf = new Map<string, string[]>();
  for (const pair of pairs) teamsOf.set(pair.userId, [...(teamsOf.get(pair.userId) ?? []), pair.teamId]);
  return roster.flatMap((m) => {
    const user = byId.get(m.userId);
    if (!user) return [];
    return [{ userId: m.userId, displayName: user.displayName, email: user.email, role: m.role, joinedAt: m.createdAt.toISOString(), teamIds: teamsOf.get(m.userId) ?? [] }];
  });
}

export async function teamsReadModel(env: Env, workspaceId: string): Promise<Team[]> {
  const teams = new TeamsRepository(env);
  const [list, pairs] = await Promise.all([teams.listShown(workspaceId), teams.membershipPairs(workspaceId)]);
  const counts = new Map<string, number>();
  for (const pair of pairs) counts.set(pair.teamId, (counts.get(pair.teamId) ?? 0) + 1);
  return list.map((t) => toTeam(t, counts.get(t._id) ?? 0));
}

export async function invitationsReadModel(env: Env, workspaceId: string): Promise<Invitation[]> {
  return (await new InvitationsRepository(env).listShown(workspaceId)).map(toInvitation);
}
