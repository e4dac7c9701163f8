import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { Role } from "../../shared/api/roles.ts";

export interface MembershipDoc {
  _id: string;
  workspaceId: string;
  userId: string;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
}

export class MembershipsRepository {
  private readonly memberships: CollectionClient<MembershipDoc>;
  constructor(env: Env) {
    this.memberships = new CollectionClient<MembershipDoc>(env, "workspace_memberships");
  }

  find(workspaceId: string, userId: string) {
    return this.memberships.findOne({ workspaceId, userId });
  }

  listForUser(userId: string) {
    return this.memberships.find({ userId }, { sort: { createdAt: 1 } });
  }

  /** The settings read model's projection: who holds which role since when. */
  rosterOf(workspaceId: string): Promise<Pick<MembershipDoc, "_id" | "userId" | "role" | "createdAt">[]> {
    return this.memberships.find({ workspaceId }, { sort: { createdAt: 1 }, projection: { _id: 1, userId: 1, role: 1, createdAt: 1 } });
  }

  listForWorkspace(workspaceId: string) {
    return this.memberships.find({ workspaceId }, { sort: { createdAt: 1 } });
  }

  countOwners(workspaceId: string) {
    return this.memberships.countDocuments({ workspaceId, role: "owner" });
  }

  /** Creates the membership, or sets the role of an existing one (invitation acceptance). */
  upsert(workspaceId: string, userId: string, role: Role) {
    const now = new Date();
    return this.memberships.findOneAndUpdate({ workspaceId, userId }, { $set: { role, updatedAt: now }, $setOnInsert: { _id: newId("mem"), createdAt: now } }, { upsert: true });
  }

  insert(workspaceId: string, userId: string, role: Role) {
    const now = new Date();
    return this.memberships.insertOne({ _id: newId("mem"), workspaceId, userId, role, createdAt: now, updatedAt: now });
  }

  /** Changes a role only if it is still what the caller saw (no lost update between check and write). */
  setRole(workspaceId: string, userId: string, from: Role, to: Role) {
    return this.memberships.findOneAndUpdate({ workspaceId, userId, role: from }, { $set: { role: to, updatedAt: new Date() } });
  }

  remove(workspaceId: string, userId: string) {
    return this.memberships.deleteOne({ workspaceId, userId });
  }

  removeAll(workspaceId: string) {
    return this.memberships.deleteMany({ workspaceId });
  }
}
