import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { PublishStatus } from "../../shared/api/apps.ts";
import type { AgentsJson } from "../../shared/agents/agents-json.ts";

export interface SnapshotMeta {
  id: string;
  hash: string;
  fileCount: number;
  bytes: number;
  updatedAt: Date;
  /** Whether the files hold a build (dist/index.html); false after an import. Absent on older snapshots. */
  built?: boolean;
}

export interface AgentsApproval {
  hash: string;
  payload: AgentsJson;
  approvedByUserId: string;
  approvedAt: Date;
}

export interface AppDoc {
  _id: string;
  workspaceId: string;
  name: string;
  description: string;
  publishStatus: PublishStatus;
  createdByUserId: string;
  collaboratorUserIds: string[];
  teamIds: string[];
  builderModel?: string | null;
  /** The admin approval of the draft agents.json, bound to its canonical-JSON hash. */
  draftAgentsApproval?: AgentsApproval | null;
  draftSnapshot: SnapshotMeta | null;
  publishedSnapshot: SnapshotMeta | null;
  /** The approved agents.json the published version runs with (promoted with the snapshot). */
  publishedAgents?: AgentsApproval | null;
  publishedVersionId?: string | null;
  publishedAt?: Date | null;
  publishedByUserId?: string | null;
  /** Set when the app was deleted: hidden everywhere, restorable until the grace period ends. */
  deletedAt?: Date | null;
  deletedByUserId?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** How long a deleted app can be restored. Purging after that is not built yet: the rows stay hidden. */
export const APP_RESTORE_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

export const restorableUntil = (deletedAt: Date) => new Date(deletedAt.getTime() + APP_RESTORE_GRACE_MS);

/**
 * Every query carries workspaceId; an app is only ever loaded by { workspaceId, _id }. Deleted apps
 * (`deletedAt` set) are invisible to every read except the restore path.
 */
export class AppsRepository {
  private readonly apps: CollectionClient<AppDoc>;
  constructor(env: Env) {
    this.apps = new CollectionClient<AppDoc>(env, "apps");
  }

  byId(workspaceId: string, appId: string) {
    return this.apps.findOne({ workspaceId, _id: appId, deletedAt: null });
  }

  /** A deleted app still inside its grace period. */
  deletedById(workspaceId: string, appId: string) {
    return this.apps.findOne({ workspaceId, _id: appId, deletedAt: { $gt: new Date(Date.now() - APP_RESTORE_GRACE_MS) } });
  }

  /** Deleted apps still restorable: all of them (admins) or the ones this person deleted or created. */
  listRestorable(workspaceId: string, seesAll: boolean, userId: string) {
    const recent = { workspaceId, deletedAt: { $gt: new Date(Date.now() - APP_RESTORE_GRACE_MS) } };
    const filter = seesAll ? recent : { ...recent, $or: [{ createdByUserId: userId }, { deletedByUserId: userId }] };
    return this.apps.find(filter, { sort: { deletedAt: -1 }, limit: 100 });
  }

  /** An app addressed without its workspace (/a/:aId/), looked up only among the caller's workspaces. */
  inWorkspaces(workspaceIds: string[], appId: string) {
    return workspaceIds.length ? this.apps.findOne({ workspaceId: { $in: workspaceIds }, _id: appId, deletedAt: null }) : Promise.resolve(null);
  }

  /** Apps a person can see: all (admins), or their own, shared with them, or published to their teams. */
  listVisible(workspaceId: string, seesAll: boolean, userId: string, teamIds: string[]) {
    const filter = seesAll
      ? { workspaceId, deletedAt: null }
      : {
          workspaceId,
          deletedAt: null,
          $or: [{ createdByUserId: userId }, { collaboratorUserIds: userId }, { publishedSnapshot: { $ne: null }, teamIds: { $in: teamIds } }],
        };
    return this.apps.find(filter, { sort: { createdAt: -1 }, limit: 500 });
  }

  /** A new app as it is first stored: a draft with nothing built yet. */
  newApp(workspaceId: string, name: string, description: string, createdByUserId: string): AppDoc {
    const now = new Date();
    return {
      _id: newId("app"),
      workspaceId,
      name,
      description,
      publishStatus: "draft",
      createdByUserId,
      collaboratorUserIds: [],
      teamIds: [],
      draftSnapshot: null,
      publishedSnapshot: null,
      createdAt: now,
      updatedAt: now,
    };
  }

  insertOp(app: AppDoc) {
    return this.apps.op.insertOne(app);
  }

  insert(workspaceId: string, name: string, description: string, createdByUserId: string) {
    return this.apps.apply(this.insertOp(this.newApp(workspaceId, name, description, createdByUserId)));
  }

  updateOp(workspaceId: string, appId: string, set: Partial<Pick<AppDoc, "name" | "description" | "collaboratorUserIds" | "builderModel" | "teamIds">>) {
    return this.apps.op.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { ...set, updatedAt: new Date() } });
  }

  update(...args: Parameters<AppsRepository["updateOp"]>) {
    return this.apps.apply(this.updateOp(...args));
  }

  setDraftSnapshotOp(workspaceId: string, appId: string, meta: SnapshotMeta) {
    return this.apps.op.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { draftSnapshot: meta, updatedAt: new Date() } });
  }

  setDraftSnapshot(...args: Parameters<AppsRepository["setDraftSnapshotOp"]>) {
    return this.apps.apply(this.setDraftSnapshotOp(...args));
  }

  /** Points the app at a newly published snapshot and shares it with `teamIds`. */
  setPublishedOp(
    workspaceId: string,
    appId: string,
    published: { snapshot: SnapshotMeta; agents: AgentsApproval | null; versionId: string; teamIds: string[]; byUserId: string; at: Date },
  ) {
    return this.apps.op.findOneAndUpdate(
      { workspaceId, _id: appId },
      {
        $set: {
          publishStatus: "published",
          publishedSnapshot: published.snapshot,
          publishedAgents: published.agents,
          publishedVersionId: published.versionId,
          publishedAt: published.at,
          publishedByUserId: published.byUserId,
          teamIds: published.teamIds,
          updatedAt: published.at,
        },
      },
    );
  }

  setPublished(...args: Parameters<AppsRepository["setPublishedOp"]>) {
    return this.apps.apply(this.setPublishedOp(...args));
  }

  /**
   * Withdraws the published version: nobody but the builders sees the app, its published agents stop.
   * A pending review stays pending; teams and version history are kept for the next publish.
   */
  setUnpublishedOp(workspaceId: string, appId: string, publishStatus: PublishStatus) {
    return this.apps.op.findOneAndUpdate(
      { workspaceId, _id: appId },
      { $set: { publishStatus, publishedSnapshot: null, publishedAgents: null, publishedVersionId: null, publishedAt: null, publishedByUserId: null, updatedAt: new Date() } },
    );
  }

  setPublishStatusOp(workspaceId: string, appId: string, publishStatus: PublishStatus) {
    return this.apps.op.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { publishStatus, updatedAt: new Date() } });
  }

  setPublishStatus(...args: Parameters<AppsRepository["setPublishStatusOp"]>) {
    return this.apps.apply(this.setPublishStatusOp(...args));
  }

  setTeamsOp(workspaceId: string, appId: string, teamIds: string[]) {
    return this.apps.op.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { teamIds, updatedAt: new Date() } });
  }

  setTeams(...args: Parameters<AppsRepository["setTeamsOp"]>) {
    return this.apps.apply(this.setTeamsOp(...args));
  }

  addCollaboratorOp(workspaceId: string, appId: string, userId: string) {
    return this.apps.op.findOneAndUpdate({ workspaceId, _id: appId }, { $addToSet: { collaboratorUserIds: userId }, $set: { updatedAt: new Date() } });
  }

  addCollaborator(...args: Parameters<AppsRepository["addCollaboratorOp"]>) {
    return this.apps.apply(this.addCollaboratorOp(...args));
  }

  removeCollaboratorOp(workspaceId: string, appId: string, userId: string) {
    return this.apps.op.findOneAndUpdate({ workspaceId, _id: appId }, { $pull: { collaboratorUserIds: userId }, $set: { updatedAt: new Date() } });
  }

  removeCollaborator(...args: Parameters<AppsRepository["removeCollaboratorOp"]>) {
    return this.apps.apply(this.removeCollaboratorOp(...args));
  }

  setDraftAgentsApprovalOp(workspaceId: string, appId: string, approval: AgentsApproval | null) {
    return this.apps.op.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { draftAgentsApproval: approval, updatedAt: new Date() } });
  }

  setDraftAgentsApproval(...args: Parameters<AppsRepository["setDraftAgentsApprovalOp"]>) {
    return this.apps.apply(this.setDraftAgentsApprovalOp(...args));
  }

  softDeleteOp(workspaceId: string, appId: string, userId: string) {
    return this.apps.op.findOneAndUpdate({ workspaceId, _id: appId, deletedAt: null }, { $set: { deletedAt: new Date(), deletedByUserId: userId } });
  }

  softDelete(...args: Parameters<AppsRepository["softDeleteOp"]>) {
    return this.apps.apply(this.softDeleteOp(...args));
  }

  restoreOp(workspaceId: string, appId: string) {
    return this.apps.op.findOneAndUpdate(
      { workspaceId, _id: appId, deletedAt: { $gt: new Date(Date.now() - APP_RESTORE_GRACE_MS) } },
      { $set: { deletedAt: null, deletedByUserId: null, updatedAt: new Date() } },
    );
  }

  restore(...args: Parameters<AppsRepository["restoreOp"]>) {
    return this.apps.apply(this.restoreOp(...args));
  }
}
