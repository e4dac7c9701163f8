import type { Env } from "../../platform/env.ts";
import { toScopedChange } from "../../shared/app-data/stored-doc.ts";
import type { RelayChange } from "../../shared/api/internal.ts";
import { dataChannel, publish } from "../../platform/realtime/channel-client.ts";

/**
 * Publishes a relay batch to each scope's Channel, in order, with the change's resume token as the
 * dedup key: the relay delivers at least once, each subscriber sees each change once.
 */
export async function publishRelayBatch(env: Env, changes: RelayChange[]): Promise<{ published: number; skipped: number }> {
  const byChannel = new Map<string, { sourceEventId: string; data: unknown }[]>();
  let skipped = 0;
  for (const change of changes) {
    const scoped = toScopedChange({
      operationType: change.operationType,
      documentKey: change.documentKey,
      fullDocument: change.fullDocument ? { ...change.fullDocument, mutationId: change.fullDocument.mutationId ?? undefined } : null,
      fullDocumentBeforeChange: change.fullDocumentBeforeChange ? { ...change.fullDocumentBeforeChange, mutationId: undefined } : null,
    });
    if (!scoped) {
      skipped++;
      continue;
    }
    const key = dataChannel(scoped.workspaceId, scoped.scopedAppId);
    const list = byChannel.get(key) ?? [];
    list.push({ sourceEventId: `mongo:${change.eventId}`, data: scoped.event });
    byChannel.set(key, list);
  }
  for (const [key, events] of byChannel) await publish(env, key, events);
  return { published: changes.length - skipped, skipped };
}
