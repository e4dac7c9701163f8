import type { Filter, FindOneAndUpdateOptions, Update, UpdateOptions } from "./document-store.ts";

/**
 * One write of a batch, as data (it crosses the Worker -> StoreGateway RPC boundary). With
 * `required`, a write that matches nothing rolls the whole batch back (the caller's precondition
 * no longer holds, so neither its audit record nor its announcement may be kept).
 */
export type WriteOp = { collection: string; required?: boolean } & (
  | { op: "insertOne"; doc: object }
  | { op: "updateOne"; filter: Filter; update: Update; options?: UpdateOptions }
  | { op: "findOneAndUpdate"; filter: Filter; update: Update; options?: FindOneAndUpdateOptions }
  | { op: "deleteOne"; filter: Filter }
  | { op: "deleteMany"; filter: Filter }
);

/** A write whose answer has type R (the phantom field only carries the type; it is never set). */
export type TypedWrite<R> = WriteOp & { readonly __answer?: R };

/** An event queued on the gateway's outbox for a channel, committed with the batch's writes. */
export interface Announcement {
  channel: string;
  event: unknown;
}

export interface WriteBatch {
  writes: WriteOp[];
  announcements: Announcement[];
}

/** `committed: false` when a required write matched nothing: nothing of the batch was kept. */
export interface BatchOutcome {
  committed: boolean;
  /** One answer per write, in order, as the single-write method would have answered. */
  results: unknown[];
}

/** Did this write's answer find a document? (insertOne always does.) */
export function matchedSomething(op: WriteOp, result: unknown): boolean {
  if (op.op === "insertOne") return true;
  if (op.op === "findOneAndUpdate") return result !== null;
  if (op.op === "updateOne") {
    const r = result as { matchedCount: number; upsertedId: string | null };
    return r.matchedCount > 0 || r.upsertedId !== null;
  }
  return (result as { deletedCount: number }).deletedCount > 0;
}

/** Thrown inside a batch's transaction to roll it back when a required write matched nothing. */
export class BatchPreconditionFailed extends Error {
  override readonly name = "BatchPreconditionFailed";
  constructor(readonly results: unknown[]) {
    super("A required write of the batch matched nothing.");
  }
}
