import type { Env } from "../../platform/env.ts";
import { CollectionClient } from "../../platform/store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import { canonicalHash } from "../../shared/canonical-json.ts";
import type { AuditEvent } from "../../shared/api/audit.ts";

export type AuditEventDoc = Omit<AuditEvent, "id" | "occurredAt" | "observedAt"> & { _id: string; occurredAt: Date; observedAt: Date };

export interface AuditInput {
  workspaceId: string;
  eventName: string;
  category: string;
  actor: AuditEvent["actor"];
  target: AuditEvent["target"];
  outcome?: AuditEvent["outcome"];
  severity?: AuditEvent["severity"];
  source?: AuditEvent["source"];
  metadata?: AuditEvent["metadata"];
  /** Field -> [before, after]; stored as hashes, never as values. */
  changes?: Record<string, [unknown, unknown]>;
  relatedIds?: Record<string, string>;
  occurredAt?: Date;
}

const hashOrNull = async (value: unknown) => (value === undefined ? null : (await canonicalHash(value)).slice(0, 16));

export const auditCollection = (env: Env) => new CollectionClient<AuditEventDoc>(env, "audit_events");

/** The stored form of one audit event (hashes of the changed fields, never their values). */
export async function auditDoc(input: AuditInput): Promise<AuditEventDoc> {
  const changes = await Promise.all(
    Object.entries(input.changes ?? {}).map(async ([field, [before, after]]) => ({
      field,
      beforeHash: await hashOrNull(before),
      afterHash: await hashOrNull(after),
    })),
  );
  const now = new Date();
  return {
    _id: newId("aud"),
    workspaceId: input.workspaceId,
    occurredAt: input.occurredAt ?? now,
    observedAt: now,
    eventName: input.eventName,
    category: input.category,
    actor: input.actor,
    source: input.source ?? "platform",
    target: input.target,
    outcome: input.outcome ?? "success",
    severity: input.severity ?? (input.outcome === "denied" ? "warning" : "info"),
    metadata: input.metadata ?? {},
    changes,
    relatedIds: input.relatedIds ?? {},
  };
}

/**
 * Appends one audit event on its own: for events that record no change (a denial, a sign-in).
 * A change and its audit record go together through recordChange (services/record-change.ts).
 * Append-only: nothing in the platform updates or deletes these.
 */
export async function recordAudit(env: Env, input: AuditInput): Promise<void> {
  await auditCollection(env).insertOne(await auditDoc(input));
}

export const userActor = (user: { _id: string; displayName: string }): AuditEvent["actor"] => ({ type: "user", id: user._id, displayName: user.displayName });
