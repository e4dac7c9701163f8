import type { Env } from "../../platform/env.ts";
import { notFound } from "../../platform/api-error.ts";
import { AppsRepository } from "../../platform/repositories/apps.ts";
import { SnapshotsRepository } from "../../platform/repositories/snapshots.ts";
import type { SourceFiles } from "../../shared/api/snapshots.ts";
import { recordChange } from "./record-change.ts";
import { draftAgents } from "./agents-config.ts";
import { supersedePendingReviews } from "./reviews.ts";

/** Stores the draft snapshot, points the app at it, and tells mounted UIs to reload the preview. */
export async function saveDraftSnapshot(env: Env, workspaceId: string, appId: string, files: SourceFiles) {
  const apps = new AppsRepository(env);
  const app = await apps.byId(workspaceId, appId);
  if (!app) throw notFound("app");
  const meta = await new SnapshotsRepository(env).save(workspaceId, appId, "draft", files);
  // Any change to agents.json clears its approval: the approval names the exact hash.
  let approvalStale = false;
  if (app.draftAgentsApproval) {
    const agents = await draftAgents(env, workspaceId, appId);
    approvalStale = !agents.ok || agents.hash !== app.draftAgentsApproval.hash;
  }
  const saved = await recordChange(env, {
    write: apps.setDraftSnapshotOp(workspaceId, appId, meta),
    also: approvalStale ? [apps.setDraftAgentsApprovalOp(workspaceId, appId, null)] : [],
    audit: {
      workspaceId,
      eventName: "app.draft_saved",
      category: "apps",
      actor: { type: "worker", id: "runner" },
      source: "worker",
      target: { type: "app", id: appId },
      metadata: { fileCount: meta.fileCount, bytes: meta.bytes },
      relatedIds: { appId, snapshotId: meta.id },
    },
    event: { workspaceId, type: "app.updated", scopes: ["apps"], ids: { appId }, status: app.publishStatus },
  });
  if (!saved) throw notFound("app");
  // A draft that is no longer the reviewed one (new build, agents.json edited) supersedes the review.
  if (app.publishStatus === "in_review" && meta.hash !== app.draftSnapshot?.hash) {
    await supersedePendingReviews(env, app, "The draft changed after the request.", { type: "worker", id: "runner" });
  }
  return { ...meta, updatedAt: meta.updatedAt.toISOString() };
}
