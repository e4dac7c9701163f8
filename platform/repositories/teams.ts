import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";

export interface TeamDoc {
  _id: string;
  workspaceId: string;
  name: string;
  slug: string;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface TeamMembershipDoc {
  _id: string;
  workspaceId: string;
  teamId: string;
  userId: string;
  createdAt: Date;
}

export const GENERAL_TEAM = { name: "General", slug: "general" } as const;

export class TeamsRepository {
  private readonly teams: CollectionClient<TeamDoc>;
  private readonly members: CollectionClient<TeamMembershipDoc>;
  constructor(env: Env) {
    this.teams = new CollectionClient<TeamDoc>(env, "workspace_teams");
    this.members = new CollectionClient<TeamMembershipDoc>(env, "workspace_team_memberships");
  }

  /** The settings read model's projection of the workspace's teams. */
  listShown(workspaceId: string): Promise<Pick<TeamDoc, "_id" | "name" | "slug" | "isDefault" | "createdAt">[]> {
    return this.teams.find({ workspaceId }, { sort: { isDefault: -1, name: 1 }, projection: { _id: 1, name: 1, slug: 1, isDefault: 1, createdAt: 1 } });
  }

  byId(workspaceId: string, teamId: string) {
    return this.teams.findOne({ workspaceId, _id: teamId });
  }

  byIds(workspaceId: string, teamIds: string[]) {
    return teamIds.length ? this.teams.find({ workspaceId, _id: { $in: teamIds } }) : Promise.resolve([]);
  }

  defaultTeam(workspaceId: string) {
    return this.teams.findOne({ workspaceId, isDefault: true });
  }

  /** The insert as data (for recordChange), with the team it stores. */
  insertOp(workspaceId: string, name: string, slug: string, isDefault = false) {
    const now = new Date();
    const team: TeamDoc = { _id: newId("team"), workspaceId, name, slug, isDefault, createdAt: now, updatedAt: now };
    return { team, write: this.teams.op.insertOne(team) };
  }

  insert(...args: Parameters<TeamsRepository["insertOp"]>) {
    return this.teams.apply(this.insertOp(...args).write);
  }

  renameOp(workspaceId: string, teamId: string, name: string, slug: string) {
    return this.teams.op.findOneAndUpdate({ workspaceId, _id: teamId }, { $set: { name, slug, updatedAt: new Date() } });
  }

  /** The team's deletion and then its memberships', as data (for recordChange). */
  deleteOps(workspaceId: string, teamId: string) {
    return { write: this.teams.op.deleteOne({ workspaceId, _id: teamId }), also: [this.members.op.deleteMany({ workspaceId, teamId })] };
  }

  membersOf(workspaceId: string, teamId: string) {
    return this.members.find({ workspaceId, teamId }, { sort: { createdAt: 1 } });
  }

  /** Which person is in which team (the settings read model's projection). */
  membershipPairs(workspaceId: string): Promise<{ teamId: string; userId: string }[]> {
    return this.members.find({ workspaceId }, { projection: { _id: 0, teamId: 1, userId: 1 } });
  }

  teamIdsOf(workspaceId: string, userId: string) {
    return this.members.find({ workspaceId, userId }).then((rows) => rows.map((r) => r.teamId));
  }

  /** Idempotent: joining a team twice is one membership (the unique index decides). */
  addMemberOp(workspaceId: string, teamId: string, userId: string) {
    return this.members.op.updateOne({ workspaceId, teamId, userId }, { $setOnInsert: { _id: newId("tm"), createdAt: new Date() } }, { upsert: true });
  }

  async addMember(workspaceId: string, teamId: string, userId: string) {
    await this.members.apply(this.addMemberOp(workspaceId, teamId, userId));
  }

  removeMemberOp(workspaceId: string, teamId: string, userId: string) {
    return this.members.op.deleteOne({ workspaceId, teamId, userId });
  }

  removeUserEverywhere(workspaceId: string, userId: string) {
    return this.members.deleteMany({ workspaceId, userId });
  }

  async removeAll(workspaceId: string) {
    await this.members.deleteMany({ workspaceId });
    await this.teams.deleteMany({ workspaceId });
  }
}
