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

  insert(workspaceId: string, name: string, slug: string, isDefault = false) {
    const now = new Date();
    return this.teams.insertOne({ _id: newId("team"), workspaceId, name, slug, isDefault, createdAt: now, updatedAt: now });
  }

  rename(workspaceId: string, teamId: string, name: string, slug: string) {
    return this.teams.findOneAndUpdate({ workspaceId, _id: teamId }, { $set: { name, slug, updatedAt: new Date() } });
  }

  async delete(workspaceId: string, teamId: string) {
    await this.members.deleteMany({ workspaceId, teamId });
    return this.teams.deleteOne({ workspaceId, _id: teamId });
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
  async addMember(workspaceId: string, teamId: string, userId: string) {
    await this.members.updateOne({ workspaceId, teamId, userId }, { $setOnInsert: { _id: newId("tm"), createdAt: new Date() } }, { upsert: true });
  }

  removeMember(workspaceId: string, teamId: string, userId: string) {
    return this.members.deleteOne({ workspaceId, teamId, userId });
  }

  removeUserEverywhere(workspaceId: string, userId: string) {
    return this.members.deleteMany({ workspaceId, userId });
  }

  async removeAll(workspaceId: string) {
    await this.members.deleteMany({ workspaceId });
    await this.teams.deleteMany({ workspaceId });
  }
}
