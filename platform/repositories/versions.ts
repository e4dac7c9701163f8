import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { ManifestEntry } from "../../shared/api/publishing.ts";
import type { AgentsApproval } from "./apps.ts";

export interface VersionDoc {
  _id: string;
  workspaceId: string;
  appId: string;
  hash: string;
  files: { path: string; content: string }[];
  manifest: ManifestEntry[];
  fileCount: number;
  bytes: number;
  /** The approved agents.json published with this version (null: the app has none). */
  agents: AgentsApproval | null;
  teamIds: string[];
  publishedAt: Date;
  publishedByUserId: string;
  publishedByName: string;
  reviewId: string | null;
  restoredFromVersionId: string | null;
}

const WITHOUT_FILES = { files: 0 } as const;

/** Published versions of an app, newest first; each keeps its files so it can be restored. */
export class VersionsRepository {
  private readonly versions: CollectionClient<VersionDoc>;
  constructor(env: Env) {
    this.versions = new CollectionClient<VersionDoc>(env, "app_versions");
  }

  list(workspaceId: string, appId: string, limit = 100) {
    return this.versions.find({ workspaceId, appId }, { sort: { publishedAt: -1 }, limit, projection: WITHOUT_FILES });
  }

  /** The newest version (what the app last published), without its files. */
  latest(workspaceId: string, appId: string) {
    return this.versions.findOne({ workspaceId, appId }, { sort: { publishedAt: -1 }, projection: WITHOUT_FILES });
  }

  get(workspaceId: string, appId: string, versionId: string) {
    return this.versions.findOne({ workspaceId, appId, _id: versionId });
  }

  /** The insert as data (for recordChange); the new version's id is `doc._id`. */
  insertOp(doc: Omit<VersionDoc, "_id">) {
    const version: VersionDoc = { _id: newId("ver"), ...doc };
    return { version, write: this.versions.op.insertOne(version) };
  }

  insert(doc: Omit<VersionDoc, "_id">) {
    return this.versions.apply(this.insertOp(doc).write);
  }

  deleteForApp(workspaceId: string, appId: string) {
    return this.versions.deleteMany({ workspaceId, appId });
  }
}
