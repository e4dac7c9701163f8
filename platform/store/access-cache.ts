import type { CollectionName } from "./catalog.ts";

/**
 * An isolate-wide cache of the documents every request's guard reads (the session's user, the
 * workspace, the caller's membership, the app), so a warm write costs one store round trip, not five.
 * docs/decisions/0030-write-path-cache-and-one-transaction.md has the rules; in short:
 * - each cached collection has a version, bumped by every write to it made from this isolate
 *   (CollectionClient does it), and an entry is used only while the version it was read at is
 *   still current: a revocation made here is seen by the very next request here;
 * - every entry also expires after ENTRY_TTL_MS: a change made from another isolate is seen
 *   here at most that long after it committed;
 * - absent documents are never cached, so a new member or app is visible at once.
 */
export const ENTRY_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

const CACHED = new Set<CollectionName>(["users", "workspaces", "workspace_memberships", "apps"]);
const versions = new Map<CollectionName, number>();
const entries = new Map<string, { value: unknown; version: number; expiresAt: number }>();

const versionOf = (collection: CollectionName) => versions.get(collection) ?? 0;

/** Called around every write to a collection; reads that started before it cannot refill the cache. */
export function bumpAccessVersion(collection: CollectionName): void {
  if (CACHED.has(collection)) versions.set(collection, versionOf(collection) + 1);
}

/** The cached copy of one document, or `load()`'s answer (cached when it found one). */
export async function cachedRead<T extends object>(collection: CollectionName, key: string, load: () => Promise<T | null>): Promise<T | null> {
  const cacheKey = `${collection}\u0000${key}`;
  const version = versionOf(collection);
  const hit = entries.get(cacheKey);
  if (hit && hit.version === version && hit.expiresAt > Date.now()) return structuredClone(hit.value) as T;
  const value = await load();
  if (value === null) {
    entries.delete(cacheKey);
    return null;
  }
  if (entries.size >= MAX_ENTRIES) entries.clear();
  // The version read before the load: a write that finished meanwhile has bumped it, so this entry is already stale.
  entries.set(cacheKey, { value: structuredClone(value), version, expiresAt: Date.now() + ENTRY_TTL_MS });
  return value;
}
