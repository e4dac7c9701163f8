import type { Env } from "../../platform/env.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { AppsRepository, type AppDoc } from "../../platform/repositories/apps.ts";
import { ReviewsRepository, type ReviewDoc } from "../../platform/repositories/reviews.ts";
import { SnapshotsRepository, filesOf, manifestOf } from "../../platform/repositories/snapshots.ts";
import { VersionsRepository } from "../../platform/repositories/versions.ts";
import { describeChanges, diffManifests, type ManifestEntry, type Review } from "../../shared/api/publishing.ts";
import type { AuditEvent } from "../../shared/api/audit.ts";
import type { AuditInput } from "./audit.ts";
import { recordChange } from "./record-change.ts";
import type { WorkspaceEventInput } from "../../platform/events/workspace-events.ts";
import { promote, publishableDraft, type Publisher } from "./publishing.ts";
import { assertGrantsConfigured } from "./integration-grants.ts";

type AuditActor = AuditEvent["actor"];
const userAudit = (p: Publisher): AuditActor => ({ type: "user", id: p.id, displayName: p.displayName });

function reviewAudit(review: ReviewDoc, eventName: string, actor: AuditActor, metadata: Record<string, string | number | null> = {}): AuditInput {
  return {
    workspaceId: review.workspaceId,
    eventName,
    category: "apps",
    actor,
    target: { type: "review", id: review._id },
    metadata: { hash: review.snapshotHash.slice(0, 16), teams: review.teamIds.length, ...metadata },
    relatedIds: { appId: review.resourceId, reviewId: review._id },
  };
}

const reviewEvent = (review: ReviewDoc, status: string): WorkspaceEventInput => ({
  workspaceId: review.workspaceId,
  type: "review.updated",
  scopes: ["reviews", "apps"],
  ids: { appId: review.resourceId, reviewId: review._id },
  status,
});

/** The status an app returns to when its pending review closes without publishing. */
const settledStatus = (app: AppDoc) => (app.publishedSnapshot ? "published" : "draft");

/** A member asks owners and admins to publish the current draft for `teamIds` (replacing their older request). */
export async function requestReview(env: Env, app: AppDoc, by: Publisher, teamIds: string[], note: string): Promise<ReviewDoc> {
  const { draft } = await publishableDraft(env, app);
  await supersedePendingReviews(env, app, "A newer review request replaced it.", userAudit(by));
  const { review, write } = new ReviewsRepository(env).insertOp({
    workspaceId: app.workspaceId,
    resourceId: app._id,
    snapshotHash: draft.hash,
    manifest: await manifestOf(draft),
    teamIds,
    requestedByUserId: by.id,
    requestedByName: by.displayName,
    note,
  });
  return recordChange(env, {
    write,
    also: [new AppsRepository(env).setPublishStatusOp(app.workspaceId, app._id, "in_review")],
    audit: reviewAudit(review, "review.requested", userAudit(by)),
    event: reviewEvent(review, "pending"),
  });
}

/**
 * The app changed while a review was pending (a builder message, a new draft, agents.json): the
 * review no longer describes the app, so it closes as superseded and the app goes back to draft.
 */
export async function supersedePendingReviews(env: Env, app: AppDoc, reason: string, actor: AuditActor): Promise<number> {
  const reviews = new ReviewsRepository(env);
  let closed = 0;
  for (const pending of await reviews.pendingFor(app.workspaceId, app._id)) {
    const review = await recordChange(env, {
      write: reviews.decideOp(app.workspaceId, pending._id, "superseded", null, reason),
      audit: reviewAudit(pending, "review.superseded", actor, { reason }),
      event: reviewEvent(pending, "superseded"),
    });
    if (review) closed++;
  }
  if (closed > 0 && app.publishStatus === "in_review") await new AppsRepository(env).setPublishStatus(app.workspaceId, app._id, "draft");
  return closed;
}

/** What changed in the draft since the review was requested (for the 409 of a stale approval). */
async function draftChangesSince(env: Env, app: AppDoc, reviewed: ManifestEntry[]) {
  const draft = await new SnapshotsRepository(env).get(app.workspaceId, app._id, "draft");
  return diffManifests(reviewed, draft ? await manifestOf(draft) : []);
}

async function loadForDecision(env: Env, workspaceId: string, reviewId: string) {
  const review = await new ReviewsRepository(env).byId(workspaceId, reviewId);
  if (!review) throw notFound("review");
  const app = await new AppsRepository(env).byId(workspaceId, review.resourceId);
  if (!app) throw notFound("app");
  return { review, app };
}

/** Approval publishes exactly the reviewed snapshot; a stale or closed request is refused with the reason. */
export async function approveReview(env: Env, workspaceId: string, reviewId: string, by: Publisher, comment: string) {
  const { review, app } = await loadForDecision(env, workspaceId, reviewId);
  if (review.status !== "pending" || review.snapshotHash !== app.draftSnapshot?.hash) {
    const drift = review.snapshotHash === app.draftSnapshot?.hash ? null : describeChanges(await draftChangesSince(env, app, review.manifest));
    const why = review.status === "pending" ? "" : `This request is ${review.status}. `;
    throw new ApiError(
      "conflict",
      `${why}${drift ? `The app changed since the request (${drift}); the requester sends the current version for review again.` : "Only pending requests can be approved."}`.trim(),
    );
  }
  const { draft, agents } = await publishableDraft(env, app);
  await assertGrantsConfigured(env, app.workspaceId, app._id);
  if (draft.hash !== review.snapshotHash) throw new ApiError("conflict", "The app changed while you were approving it; review the current version.");
  const decided = await recordChange(env, {
    write: new ReviewsRepository(env).decideOp(workspaceId, reviewId, "approved", { id: by.id, name: by.displayName }, comment),
    audit: reviewAudit(review, "review.approved", userAudit(by)),
    event: reviewEvent(review, "approved"),
  });
  if (!decided) throw new ApiError("conflict", "Someone else decided this request a moment ago.");
  const updated = await promote(env, app, { files: filesOf(draft), agents, teamIds: review.teamIds, by, reviewId, restoredFrom: null });
  return { review: decided, app: updated };
}

export async function rejectReview(env: Env, workspaceId: string, reviewId: string, by: Publisher, comment: string) {
  const { review, app } = await loadForDecision(env, workspaceId, reviewId);
  if (review.status !== "pending") throw new ApiError("conflict", `This request is already ${review.status}.`);
  const decided = await recordChange(env, {
    write: new ReviewsRepository(env).decideOp(workspaceId, reviewId, "rejected", { id: by.id, name: by.displayName }, comment),
    also: [new AppsRepository(env).setPublishStatusOp(workspaceId, app._id, settledStatus(app))],
    audit: reviewAudit(review, "review.rejected", userAudit(by), { comment: comment ? "given" : "none" }),
    event: reviewEvent(review, "rejected"),
  });
  if (!decided) throw new ApiError("conflict", "Someone else decided this request a moment ago.");
  return decided;
}

/** An owner or admin publishing directly still leaves an approved request behind, for the record. */
export async function recordDirectApproval(env: Env, app: AppDoc, by: Publisher, teamIds: string[], note: string, draftHash: string, manifest: ManifestEntry[]) {
  const reviews = new ReviewsRepository(env);
  const { review, write } = reviews.insertOp({
    workspaceId: app.workspaceId,
    resourceId: app._id,
    snapshotHash: draftHash,
    manifest,
    teamIds,
    requestedByUserId: by.id,
    requestedByName: by.displayName,
    note,
  });
  await recordChange(env, {
    write,
    also: [reviews.decideOp(app.workspaceId, review._id, "approved", { id: by.id, name: by.displayName }, "Published directly by an owner or admin.")],
    audit: reviewAudit(review, "review.approved", userAudit(by), { direct: "true" }),
  });
  return (await reviews.byId(app.workspaceId, review._id)) ?? review;
}

/** Reviews as the inbox shows them: with what each changes against the app's last published version. */
export async function toReviews(env: Env, docs: ReviewDoc[], apps: Map<string, AppDoc>): Promise<Review[]> {
  const versions = new VersionsRepository(env);
  const baseline = new Map<string, ManifestEntry[]>();
  for (const appId of new Set(docs.map((d) => d.resourceId))) {
    baseline.set(appId, (await versions.latest(docs[0]!.workspaceId, appId))?.manifest ?? []);
  }
  return docs.flatMap((r) => {
    const app = apps.get(r.resourceId);
    if (!app) return [];
    return [
      {
        id: r._id,
        appId: r.resourceId,
        appName: app.name,
        snapshotHash: r.snapshotHash,
        teamIds: r.teamIds,
        requestedBy: { id: r.requestedByUserId, displayName: r.requestedByName },
        note: r.note,
        status: r.status,
        comment: r.comment,
        decidedBy: r.decidedByUserId ? { id: r.decidedByUserId, displayName: r.decidedByName ?? "" } : null,
        decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        changes: diffManifests(baseline.get(r.resourceId) ?? [], r.manifest),
        current: app.draftSnapshot?.hash === r.snapshotHash,
      },
    ];
  });
}
