import type { Env } from "../env.ts";
import type { TypedWrite } from "../store/write-batch.ts";
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
  bumpMembershipVersionOp(workspaceId: string) {
    return this.workspaces.op.updateOne({ _id: workspaceId }, { $inc: { membershipVersion: 1 } });
  }

  bumpMembershipVersion(workspaceId: string) {
    return this.workspaces.apply(this.bumpMembershipVersionOp(workspaceId));
  }

  /** Runs one write built by an `…Op` method on its own. */
  apply<R>(write: TypedWrite<R>): Promise<R> {
    return this.workspaces.apply(write);
  }

  delete(workspaceId: string) {
    return this.workspaces.deleteOne({ _id: workspaceId });
  }
}
