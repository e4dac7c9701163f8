import { z } from "zod";
import { builderModelSchema } from "./runs.ts";

export const publishStatusSchema = z.enum(["draft", "in_review", "published"]);
export type PublishStatus = z.infer<typeof publishStatusSchema>;

export const snapshotMetaSchema = z.object({
  id: z.string(),
  hash: z.string(),
  fileCount: z.number(),
  bytes: z.number(),
  updatedAt: z.string(),
  /** false: the files hold no build yet (an imported app); the builder builds it. Absent on older snapshots. */
  built: z.boolean().optional(),
});

export const appSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  description: z.string(),
  publishStatus: publishStatusSchema,
  /** Whether a published snapshot exists (an app in draft may still serve an older published one). */
  hasPublished: z.boolean(),
  createdByUserId: z.string(),
  collaboratorUserIds: z.array(z.string()),
  teamIds: z.array(z.string()),
  /** The builder model for this app (null: the platform default). */
  builderModel: z.string().nullable(),
  draftSnapshot: snapshotMetaSchema.nullable(),
  publishedSnapshot: snapshotMetaSchema.nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do with it. */
  access: z.object({ canEdit: z.boolean(), canViewPublished: z.boolean() }),
});
export type App = z.infer<typeof appSchema>;

/** The limits of an app's editable fields; forms read them from here to show counters up front. */
export const APP_LIMITS = { name: 80, description: 2000 } as const;

export const appNameSchema = z.string().trim().min(1, "Name the app.").max(APP_LIMITS.name);
export const appDescriptionSchema = z.string().trim().max(APP_LIMITS.description);

export const createAppBodySchema = z.object({ name: appNameSchema, description: appDescriptionSchema.default("") }).strict();
export const updateAppBodySchema = z
  .object({
    name: appNameSchema.optional(),
    description: appDescriptionSchema.optional(),
    collaboratorUserIds: z.array(z.string()).max(100).optional(),
    /** Who may use the published app; owners and admins only. */
    teamIds: z.array(z.string().min(1).max(64)).max(50).optional(),
    builderModel: builderModelSchema.nullable().optional(),
  })
  .strict();

export const appVersionSchema = z.enum(["draft", "published"]);
export type AppVersion = z.infer<typeof appVersionSchema>;
