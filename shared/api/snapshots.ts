import { z } from "zod";
import { appVersionSchema } from "./apps.ts";

/** A snapshot's files: path -> text (sources and dist/). */
export const sourceFilesSchema = z.record(z.string().min(1).max(500), z.string());
export type SourceFiles = z.infer<typeof sourceFilesSchema>;

export const MAX_SNAPSHOT_BYTES = 20 * 1024 * 1024;

export const filesQuerySchema = z.object({ version: appVersionSchema.default("draft"), path: z.string().max(500).optional() });

/** POST /api/internal/app-snapshots: the runner saves the draft workspace of an app. */
export const saveSnapshotBodySchema = z.object({ workspaceId: z.string().min(1), appId: z.string().min(1), files: sourceFilesSchema }).strict();
