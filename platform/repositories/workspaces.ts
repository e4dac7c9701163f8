import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";

export interface WorkspaceDoc {
  _id: string;
  slug: string;
  name: string;
  createdByUserId: string;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every change to members, teams, invitations or integrations: settings reads are shared only within one version. */
  membershipVersion?: number;
}

export class WorkspacesRepository {
  private readonly workspaces: CollectionClient<WorkspaceDoc>;
  constructor(env: Env) {
    this.workspaces = new CollectionClient<WorkspaceDoc>(env, "workspaces");
  }

  byId(workspaceId: string) {
    return this.workspaces.findOne({ _id: workspaceId });
  }

  byIds(ids: string[]) {
    return ids.length ? this.workspaces.find({ _id: { $in: ids } }) : Promise.resolve([]);
  }

  insert(doc: WorkspaceDoc) {
    return this.workspaces.insertOne(doc);
  }

  rename(workspaceId: string, name: string) {
    return this.workspaces.findOneAndUpdate({ _id: workspaceId }, { $set: { name, updatedAt: new Date() } });
  }

  /** After a change to who is in the workspace and what they hold (see WorkspaceDoc.membershipVersion). */
  bumpMembershipVersion(workspaceId: string) {
    return this.workspaces.updateOne({ _id: workspaceId }, { $inc: { membershipVersion: 1 } });
  }

  delete(workspaceId: string) {
    return this.workspaces.deleteOne({ _id: workspaceId });
  }
}
