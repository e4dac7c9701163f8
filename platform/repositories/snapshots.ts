import type { Env } from "../env.ts";
import { CollectionClient, storeKind } from "../store/store-client.ts";
import { ApiError } from "../api-error.ts";
import { newId } from "../../shared/ids.ts";
import { canonicalHash, sha256Hex } from "../../shared/canonical-json.ts";
import type { SourceFiles } from "../../shared/api/snapshots.ts";
import type { ManifestEntry } from "../../shared/api/publishing.ts";
import type { SnapshotMeta } from "./apps.ts";

/** A Durable Object SQLite row holds at most 2 MB; a snapshot is one row in the embedded store. */
const EMBEDDED_SNAPSHOT_LIMIT = 1_900_000;

export interface SnapshotDoc {
  _id: string;
  workspaceId: string;
  appId: string;
  kind: "draft" | "published";
  /** An array, not a map: file paths contain dots, which MongoDB field names should not. */
  files: { path: string; content: string }[];
  /** Path -> content hash of every file (older snapshots lack it; manifestOf computes it). */
  manifest?: ManifestEntry[];
  hash: string;
  fileCount: number;
  bytes: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Large source snapshots, kept apart from the hot apps documents (docs/data-model.md). */
export class SnapshotsRepository {
  private readonly snapshots: CollectionClient<SnapshotDoc>;
  private readonly kind: "embedded" | "mongo";
  constructor(env: Env) {
    this.snapshots = new CollectionClient<SnapshotDoc>(env, "app_source_snapshots");
    this.kind = storeKind(env);
  }

  get(workspaceId: string, appId: string, kind: "draft" | "published") {
    return this.snapshots.findOne({ workspaceId, appId, kind });
  }

  /** Drops the published snapshot when an app is unpublished (its versions keep the files). */
  removePublished(workspaceId: string, appId: string) {
    return this.snapshots.deleteOne({ workspaceId, appId, kind: "published" });
  }

  /** Replaces the app's snapshot of this kind; returns the metadata the app document keeps. */
  async save(workspaceId: string, appId: string, kind: "draft" | "published", files: SourceFiles): Promise<SnapshotMeta> {
    const list = Object.entries(files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, content]) => ({ path, content }));
    const hash = await canonicalHash(files);
    const bytes = list.reduce((sum, f) => sum + new TextEncoder().encode(f.content).length, 0);
    if (this.kind === "embedded" && bytes > EMBEDDED_SNAPSHOT_LIMIT) {
      throw new ApiError(
        "payload_too_large",
        `This app's files (${bytes} bytes) exceed what the embedded store keeps in one snapshot (${EMBEDDED_SNAPSHOT_LIMIT} bytes); use MongoDB for larger apps.`,
      );
    }
    const now = new Date();
    const manifest = await manifestOfList(list);
    const doc = await this.snapshots.findOneAndUpdate(
      { workspaceId, appId, kind },
      { $set: { files: list, manifest, hash, fileCount: list.length, bytes, updatedAt: now }, $setOnInsert: { _id: newId("snap"), createdAt: now } },
      { upsert: true, projection: { _id: 1 } },
    );
    return { id: doc!._id, hash, fileCount: list.length, bytes, updatedAt: now, built: files["dist/index.html"] !== undefined };
  }
}

export const filesOf = (doc: SnapshotDoc): SourceFiles => Object.fromEntries(doc.files.map((f) => [f.path, f.content]));

async function manifestOfList(list: { path: string; content: string }[]): Promise<ManifestEntry[]> {
  return Promise.all(list.map(async (f) => ({ path: f.path, hash: (await sha256Hex(f.content)).slice(0, 32) })));
}

/** The snapshot's per-file hashes, computed for snapshots saved before manifests existed. */
export const manifestOf = (doc: Pick<SnapshotDoc, "files" | "manifest">): Promise<ManifestEntry[]> => (doc.manifest ? Promise.resolve(doc.manifest) : manifestOfList(doc.files));
