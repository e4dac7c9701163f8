import { z } from "zod";

/** POST /api/workspaces/:wId/apps/:aId/publish */
export const publishBodySchema = z
  .object({
    teamIds: z.array(z.string().min(1).max(64)).min(1, "Choose at least one team.").max(50),
    note: z.string().trim().max(2000).default(""),
  })
  .strict();
export type PublishBody = z.infer<typeof publishBodySchema>;

/** POST /api/workspaces/:wId/reviews/:reviewId/approve and /reject */
export const reviewDecisionBodySchema = z.object({ comment: z.string().trim().max(2000).default("") }).strict();

export const reviewStatusSchema = z.enum(["pending", "approved", "rejected", "superseded"]);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;
export const reviewsQuerySchema = z.object({ status: reviewStatusSchema.optional(), appId: z.string().max(64).optional() });

/** One file of a snapshot by its content hash: enough to say what changed without loading sources. */
export const manifestEntrySchema = z.object({ path: z.string(), hash: z.string() });
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

export const snapshotChangesSchema = z.object({
  added: z.array(z.string()),
  changed: z.array(z.string()),
  removed: z.array(z.string()),
  agentsJsonChanged: z.boolean(),
});
export type SnapshotChanges = z.infer<typeof snapshotChangesSchema>;

export const reviewSchema = z.object({
  id: z.string(),
  appId: z.string(),
  appName: z.string(),
  snapshotHash: z.string(),
  teamIds: z.array(z.string()),
  requestedBy: z.object({ id: z.string(), displayName: z.string() }),
  note: z.string(),
  status: reviewStatusSchema,
  comment: z.string(),
  decidedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the reviewed snapshot changes against the app's last published version (all files when none). */
  changes: snapshotChangesSchema,
  /** The reviewed snapshot is still the app's draft (approving a stale one is refused). */
  current: z.boolean(),
});
export type Review = z.infer<typeof reviewSchema>;

export const publishResultSchema = z.object({
  /** "published": the app now serves this version; "review_requested": an owner or admin decides. */
  outcome: z.enum(["published", "review_requested"]),
  review: reviewSchema.nullable(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;

export const appVersionEntrySchema = z.object({
  id: z.string(),
  hash: z.string(),
  fileCount: z.number(),
  bytes: z.number(),
  publishedAt: z.string(),
  publishedBy: z.object({ id: z.string(), displayName: z.string() }),
  teamIds: z.array(z.string()),
  /** The version this one republished (a rollback), if any. */
  restoredFromVersionId: z.string().nullable(),
  /** This is what the app serves now. */
  current: z.boolean(),
});
export type AppVersionEntry = z.infer<typeof appVersionEntrySchema>;

export const collaboratorBodySchema = z.object({ userId: z.string().min(1).max(64) }).strict();
export const collaboratorSchema = z.object({ userId: z.string(), displayName: z.string(), email: z.string() });
export type Collaborator = z.infer<typeof collaboratorSchema>;

const AGENTS_FILE = "agents.json";

/** Files added, changed and removed from `before` to `after`, by content hash. */
export function diffManifests(before: ManifestEntry[], after: ManifestEntry[]): SnapshotChanges {
  const old = new Map(before.map((e) => [e.path, e.hash]));
  const now = new Map(after.map((e) => [e.path, e.hash]));
  const added = [...now.keys()].filter((p) => !old.has(p)).sort();
  const removed = [...old.keys()].filter((p) => !now.has(p)).sort();
  const changed = [...now.keys()].filter((p) => old.has(p) && old.get(p) !== now.get(p)).sort();
  return { added, changed, removed, agentsJsonChanged: old.get(AGENTS_FILE) !== now.get(AGENTS_FILE) };
}

/** "2 files added, 1 changed, agents.json changed": for 409 messages and the inbox. */
export function describeChanges(changes: SnapshotChanges): string {
  const parts: string[] = [];
  const files = (n: number) => `${n} file${n === 1 ? "" : "s"}`;
  if (changes.added.length) parts.push(`${files(changes.added.length)} added`);
  if (changes.changed.length) parts.push(`${files(changes.changed.length)} changed`);
  if (changes.removed.length) parts.push(`${files(changes.removed.length)} removed`);
  if (changes.agentsJsonChanged) parts.push("agents.json changed");
  return parts.length ? parts.join(", ") : "no file changed";
}
