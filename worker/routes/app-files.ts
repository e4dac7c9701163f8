import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../../platform/api-error.ts";
import { queryParams } from "../http/validate.ts";
import { loadApp } from "../guard/app-access.ts";
import { SnapshotsRepository, filesOf } from "../../platform/repositories/snapshots.ts";
import { filesQuerySchema } from "../../shared/api/snapshots.ts";

/** GET /api/workspaces/:wId/apps/:aId/files?version=draft|published[&path=]: the snapshot's files. */
export const appFileRoutes = new Hono<AppEnv>().get("/", queryParams(filesQuerySchema), async (c) => {
  const q = c.req.valid("query");
  const { app } = await loadApp(c, q.version === "draft" ? "edit" : "view");
  const snapshot = await new SnapshotsRepository(c.env).get(app.workspaceId, app._id, q.version);
  if (!snapshot) throw notFound(`${q.version} snapshot`);
  const files = filesOf(snapshot);
  // Own properties only: `__proto__`, `constructor` and friends are not files.
  if (q.path !== undefined && !Object.hasOwn(files, q.path)) throw notFound("file");
  return c.json({
    files: q.path !== undefined ? { [q.path]: files[q.path]! } : files,
    snapshot: { id: snapshot._id, hash: snapshot.hash, fileCount: snapshot.fileCount, bytes: snapshot.bytes, updatedAt: snapshot.updatedAt.toISOString() },
  });
});
