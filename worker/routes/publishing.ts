import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../../platform/api-error.ts";
import { jsonBody, queryParams } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { authMode } from "../auth/auth-mode.ts";
import { loadApp } from "../guard/app-access.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { VersionsRepository } from "../../platform/repositories/versions.ts";
import { filesOf, manifestOf } from "../../platform/repositories/snapshots.ts";
import { can } from "../../shared/api/roles.ts";
import { publishBodySchema, type AppVersionEntry, type PublishResult } from "../../shared/api/publishing.ts";
import { filesQuerySchema } from "../../shared/api/snapshots.ts";
import { assertTeams, promote, publishableDraft, restoreVersion, unpublish, type Publisher } from "../services/publishing.ts";
import { toApp } from "./view-models.ts";
import { recordDirectApproval, requestReview, toReviews } from "../services/reviews.ts";
import { assertGrantsConfigured } from "../services/integration-grants.ts";

const publisher = (c: Context<AppEnv>): Publisher => {
  const actor = actorOf(c);
  return { id: actor._id, displayName: actor.displayName };
};

/**
 * POST /apps/:aId/publish, and the published versions of an app (history, files, rollback).
 * Owners and admins publish directly; anyone else who builds the app asks them for a review.
 */
export const publishRoutes = new Hono<AppEnv>()
  .post("/publish", jsonBody(publishBodySchema), async (c) => {
    const { app } = await loadApp(c, "edit");
    const body = c.req.valid("json");
    const teamIds = await assertTeams(c.env, app.workspaceId, body.teamIds);
    const by = publisher(c);
    if (!can(c.var.ws.role, "apps:publish")) {
      const review = await requestReview(c.env, app, by, teamIds, body.note);
      const [shown] = await toReviews(c.env, [review], new Map([[app._id, app]]));
      return c.json({ outcome: "review_requested", review: shown ?? null } satisfies PublishResult, 201);
    }
    const { draft, agents } = await publishableDraft(c.env, app);
    await assertGrantsConfigured(c.env, app.workspaceId, app._id);
    // In external mode a direct publish still leaves an approved review (none mode has no review step).
    const review = authMode(c.env) === "external" ? await recordDirectApproval(c.env, app, by, teamIds, body.note, draft.hash, await manifestOf(draft)) : null;
    const updated = await promote(c.env, app, { files: filesOf(draft), agents, teamIds, by, reviewId: review?._id ?? null, restoredFrom: null });
    const [shown] = review ? await toReviews(c.env, [review], new Map([[app._id, updated]])) : [];
    return c.json({ outcome: "published", review: shown ?? null } satisfies PublishResult);
  })
  /** Owners and admins withdraw the published version (docs/http-api.md). */
  .post("/unpublish", async (c) => {
    const { app } = await loadApp(c, "edit");
    await requirePermission(c, "apps:publish");
    const updated = await unpublish(c.env, app, publisher(c));
    return c.json({ app: toApp(updated, { canEdit: true, canViewPublished: true }) });
  })
  .get("/versions", async (c) => {
    const { app } = await loadApp(c, "edit");
    const versions = await new VersionsRepository(c.env).list(app.workspaceId, app._id);
    return c.json({
      versions: versions.map(
        (v): AppVersionEntry => ({
          id: v._id,
          hash: v.hash,
          fileCount: v.fileCount,
          bytes: v.bytes,
          publishedAt: v.publishedAt.toISOString(),
          publishedBy: { id: v.publishedByUserId, displayName: v.publishedByName },
          teamIds: v.teamIds,
          restoredFromVersionId: v.restoredFromVersionId,
          current: v._id === app.publishedVersionId,
        }),
      ),
    });
  })
  .get("/versions/:versionId/files", queryParams(filesQuerySchema), async (c) => {
    const { app } = await loadApp(c, "edit");
    const { path } = c.req.valid("query");
    const version = await new VersionsRepository(c.env).get(app.workspaceId, app._id, c.req.param("versionId"));
    if (!version) throw notFound("version");
    const files = Object.fromEntries(version.files.map((f) => [f.path, f.content]));
    if (path !== undefined && !Object.hasOwn(files, path)) throw notFound("file");
    return c.json({ files: path !== undefined ? { [path]: files[path] } : files, version: { id: version._id, hash: version.hash } });
  })
  .post("/versions/:versionId/restore", async (c) => {
    const { app } = await loadApp(c, "edit");
    await requirePermission(c, "apps:publish");
    const updated = await restoreVersion(c.env, app, c.req.param("versionId"), publisher(c));
    return c.json({ app: toApp(updated, { canEdit: true, canViewPublished: true }) });
  });
