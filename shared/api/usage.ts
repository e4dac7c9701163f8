import { z } from "zod";

/** What started a metered model call: a builder turn, an app agent run, or a scheduled agent run. */
export const usageRunKindSchema = z.enum(["builder", "agent", "scheduled"]);
export type UsageRunKind = z.infer<typeof usageRunKindSchema>;

export const usageGroupBySchema = z.enum(["app", "user", "day", "model"]);
export type UsageGroupBy = z.infer<typeof usageGroupBySchema>;

const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

/** GET /api/workspaces/:wId/usage. `from`/`to` are dates or instants (UTC); default: the last 30 days. */
export const usageQuerySchema = z
  .object({
    from: z.union([z.iso.date(), z.iso.datetime()]).optional(),
    to: z.union([z.iso.date(), z.iso.datetime()]).optional(),
    groupBy: usageGroupBySchema.default("day"),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict()
  .transform((q) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS);
    return { ...q, fromDay: utcDay(from), toDay: utcDay(to) };
  })
  .refine((q) => q.fromDay <= q.toDay, { path: ["from"], message: "`from` must not be after `to`." })
  .refine((q) => Date.parse(q.toDay) - Date.parse(q.fromDay) <= MAX_RANGE_DAYS * DAY_MS, { path: ["from"], message: `A range covers at most ${MAX_RANGE_DAYS} days.` });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

export const usageRowSchema = z.object({
  /** The app id, user id, UTC day (YYYY-MM-DD) or model id, as grouped. */
  key: z.string(),
  /** A human name for the key where there is one (app name, person's name); the key otherwise. */
  label: z.string(),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cacheReadTokens: z.number().int().min(0),
  cacheWriteTokens: z.number().int().min(0),
  costUsd: z.number().min(0),
  calls: z.number().int().min(0),
});
export type UsageRow = z.infer<typeof usageRowSchema>;

export const usageResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: usageGroupBySchema,
  rows: z.array(usageRowSchema),
});
export type UsageResponse = z.infer<typeof usageResponseSchema>;

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A model id as people read it in usage tables. */
export const DEMO_MODEL_LABEL = "free (demo model)";
