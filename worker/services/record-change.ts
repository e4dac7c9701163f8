import type { Env } from "../../platform/env.ts";
import { auditCollection, auditDoc, type AuditInput } from "./audit.ts";
import { membershipVersionBump, workspaceAnnouncement, type WorkspaceEventInput } from "../../platform/events/workspace-events.ts";
import { commitBatch } from "../../platform/store/store-client.ts";
import type { TypedWrite, WriteOp } from "../../platform/store/write-batch.ts";

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export interface Change<R> {
  /** The mutation. When it matches nothing, nothing of the change is kept and its answer says so. */
  write: TypedWrite<R>;
  /** Further writes that belong to the same change (kept or dropped with it). */
  also?: WriteOp[];
  audit?: AuditInput | AuditInput[];
  event?: WorkspaceEventInput | WorkspaceEventInput[];
}

/**
 * Mutation -> audit record -> workspace event, as one gateway call. Embedded store: one SQLite
 * transaction, so the three are kept together or not at all. MongoDB: one multi-document
 * transaction where the deployment has them (replica set, Atlas), else the writes in order with the
 * mutation first and the event queued in the gateway's outbox after they committed
 * (docs/decisions/0030-write-path-cache-and-one-transaction.md). Returns the mutation's answer.
 */
export async function recordChange<R>(env: Env, change: Change<R>): Promise<R> {
  const audit = await Promise.all(list(change.audit).map(auditDoc));
  const audits = auditCollection(env);
  const events = list(change.event);
  const bumps = events.map((event) => membershipVersionBump(env, event)).filter((bump) => bump !== null);
  const outcome = await commitBatch(env, {
    writes: [{ ...change.write, required: true }, ...(change.also ?? []), ...bumps, ...audit.map((doc) => audits.op.insertOne(doc))],
    announcements: events.map(workspaceAnnouncement),
  });
  return outcome.results[0] as R;
}
