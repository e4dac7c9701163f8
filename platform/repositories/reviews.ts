import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { ManifestEntry, ReviewStatus } from "../../shared/api/publishing.ts";

export interface ReviewDoc {
  _id: string;
  workspaceId: string;
  resourceType: "app";
  /** The app id. */
  resourceId: string;
  snapshotHash: string;
  /** Per-file hashes of the reviewed snapshot, to say what changed later. */
  manifest: ManifestEntry[];
  teamIds: string[];
  requestedByUserId: string;
  requestedByName: string;
  note: string;
  status: ReviewStatus;
  comment: string;
  decidedByUserId: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewReview = Pick<ReviewDoc, "workspaceId" | "resourceId" | "snapshotHash" | "manifest" | "teamIds" | "requestedByUserId" | "requestedByName" | "note">;

/** The admin review inbox (review_requests); always loaded by { workspaceId, ... }. */
export class ReviewsRepository {
  private readonly reviews: CollectionClient<ReviewDoc>;
  constructor(env: Env) {
    this.reviews = new CollectionClient<ReviewDoc>(env, "review_requests");
  }

  byId(workspaceId: string, reviewId: string) {
    return this.reviews.findOne({ workspaceId, _id: reviewId });
  }

  list(workspaceId: string, filter: { status?: ReviewStatus; appIds?: string[] }) {
    return this.reviews.find(
      {
        workspaceId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.appIds ? { resourceType: "app", resourceId: { $in: filter.appIds } } : {}),
      },
      { sort: { updatedAt: -1 }, limit: 200 },
    );
  }

  pendingFor(workspaceId: string, appId: string) {
    return this.reviews.find({ workspaceId, resourceType: "app", resourceId: appId, status: "pending" });
  }

  /** The insert as data (for recordChange), with the review it stores. */
  insertOp(review: NewReview, status: ReviewStatus = "pending") {
    const now = new Date();
    const doc: ReviewDoc = {
      _id: newId("rev"),
      resourceType: "app",
      ...review,
      status,
      comment: "",
      decidedByUserId: null,
      decidedByName: null,
      decidedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    return { review: doc, write: this.reviews.op.insertOne(doc) };
  }

  insert(...args: Parameters<ReviewsRepository["insertOp"]>) {
    return this.reviews.apply(this.insertOp(...args).write);
  }

  /** Moves a pending review to its outcome; null when it was no longer pending (someone else decided). */
  decideOp(workspaceId: string, reviewId: string, status: Exclude<ReviewStatus, "pending">, decidedBy: { id: string; name: string } | null, comment: string) {
    const now = new Date();
    return this.reviews.op.findOneAndUpdate(
      { workspaceId, _id: reviewId, status: "pending" },
      { $set: { status, comment, decidedByUserId: decidedBy?.id ?? null, decidedByName: decidedBy?.name ?? null, decidedAt: now, updatedAt: now } },
    );
  }

  decide(...args: Parameters<ReviewsRepository["decideOp"]>) {
    return this.reviews.apply(this.decideOp(...args));
  }

  deleteForApp(workspaceId: string, appId: string) {
    return this.reviews.deleteMany({ workspaceId, resourceType: "app", resourceId: appId });
  }
}
