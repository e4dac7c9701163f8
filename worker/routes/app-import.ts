import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { AppsRepository } from "../../platform/repositories/apps.ts";
import { SnapshotsRepository } from "../../platform/repositories/snapshots.ts";
import { userActor } from "../services/audit.ts";
import { recordChange } from "../services/record-change.ts";
import { toApp } from "./view-models.ts";
import { importAppBodySchema } from "../../shared/api/app-import.ts";
import type { App } from "../../shared/api/apps.ts";

/**
 * POST /api/workspaces/:wId/apps/import: a new app whose first draft is the person's existing source
 * (validated file by file in the shared schema). Nothing is built here: the builder builds the draft.
 */
export const appImportRoutes = new Hono<AppEnv>().post("/", jsonBody(importAppBodySchema), async (c) => {
  const ws = await requirePermission(c, "apps:create");
  const body = c.req.valid("json");
  const apps = new AppsRepository(c.env);
  const draft = apps.newApp(ws.workspace._id, body.name, body.description, actorOf(c)._id);
  // The snapshot is stored first under the new app's id; the app only exists once it points at it.
  const meta = await new SnapshotsRepository(c.env).save(ws.workspace._id, draft._id, "draft", body.files);
  const app = await recordChange(c.env, {
    write: apps.insertOp({ ...draft, draftSnapshot: meta }),
    audit: {
      workspaceId: ws.workspace._id,
      eventName: "app.imported",
      category: "apps",
      actor: userActor(actorOf(c)),
      target: { type: "app", id: draft._id },
      relatedIds: { appId: draft._id, snapshotId: meta.id },
      metadata: { appName: draft.name, fileCount: meta.fileCount, bytes: meta.bytes },
    },
    event: { workspaceId: ws.workspace._id, type: "app.created", scopes: ["apps"], ids: { appId: draft._id }, status: draft.publishStatus },
  });
  const view: App = toApp(app, { canEdit: true, canViewPublished: true });
  return c.json({ app: view }, 201);
});
