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

  insert(workspaceId: string, name: string, description: string, createdByUserId: string) {
    const now = new Date();
    return this.apps.insertOne({
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
    });
  }

  update(workspaceId: string, appId: string, set: Partial<Pick<AppDoc, "name" | "description" | "collaboratorUserIds" | "builderModel" | "teamIds">>) {
    return this.apps.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { ...set, updatedAt: new Date() } });
  }

  setDraftSnapshot(workspaceId: string, appId: string, meta: SnapshotMeta) {
    return this.apps.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { draftSnapshot: meta, updatedAt: new Date() } });
  }

  /** Points the app at a newly published snapshot and shares it with `teamIds`. */
  setPublished(
    workspaceId: string,
    appId: string,
    published: { snapshot: SnapshotMeta; agents: AgentsApproval | null; versionId: string; teamIds: string[]; byUserId: string; at: Date },
  ) {
    return this.apps.findOneAndUpdate(
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

  setPublishStatus(workspaceId: string, appId: string, publishStatus: PublishStatus) {
    return this.apps.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { publishStatus, updatedAt: new Date() } });
  }

  setTeams(workspaceId: string, appId: string, teamIds: string[]) {
    return this.apps.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { teamIds, updatedAt: new Date() } });
  }

  addCollaborator(workspaceId: string, appId: string, userId: string) {
    return this.apps.findOneAndUpdate({ workspaceId, _id: appId }, { $addToSet: { collaboratorUserIds: userId }, $set: { updatedAt: new Date() } });
  }

  removeCollaborator(workspaceId: string, appId: string, userId: string) {
    return this.apps.findOneAndUpdate({ workspaceId, _id: appId }, { $pull: { collaboratorUserIds: userId }, $set: { updatedAt: new Date() } });
  }

  setDraftAgentsApproval(workspaceId: string, appId: string, approval: AgentsApproval | null) {
    return this.apps.findOneAndUpdate({ workspaceId, _id: appId }, { $set: { draftAgentsApproval: approval, updatedAt: new Date() } });
  }

  softDelete(workspaceId: string, appId: string, userId: string) {
    return this.apps.findOneAndUpdate({ workspaceId, _id: appId, deletedAt: null }, { $set: { deletedAt: new Date(), deletedByUserId: userId } });
  }

  restore(workspaceId: string, appId: string) {
    return this.apps.findOneAndUpdate(
      { workspaceId, _id: appId, deletedAt: { $gt: new Date(Date.now() - APP_RESTORE_GRACE_MS) } },
      { $set: { deletedAt: null, deletedByUserId: null, updatedAt: new Date() } },
    );
  }
}
