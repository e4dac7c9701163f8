import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../../platform/api-error.ts";
import { jsonBody, pathParams, queryParams } from "../http/validate.ts";
import { loadApp } from "../guard/app-access.ts";
import { AppDataRepository, type DataScope } from "../../platform/repositories/app-data.ts";
import {
  dataListQuerySchema,
  dataQuerySchema,
  deleteQuerySchema,
  docIdParamsSchema,
  insertDocBodySchema,
  patchDocBodySchema,
  versionQuerySchema,
  type DataPage,
} from "../../shared/api/app-data.ts";
import { scopedAppId, toClientDoc } from "../../shared/app-data/stored-doc.ts";
import type { AppVersion } from "../../shared/api/apps.ts";
import { dataChannel, subscribe } from "../../platform/realtime/channel-client.ts";

/** Draft data is for the app's builders; published data for everyone who can use the app. */
async function scopeFor(c: Context<AppEnv>, version: AppVersion): Promise<DataScope> {
  const { app } = await loadApp(c, version === "draft" ? "edit" : "view");
  return { workspaceId: app.workspaceId, scopedAppId: scopedAppId(app._id, version) };
}

/** /api/workspaces/:wId/apps/:aId/data (docs/http-api.md#app-data). */
export const appDataRoutes = new Hono<AppEnv>()
  .get("/stream", queryParams(versionQuerySchema), async (c) => {
    const { version } = c.req.valid("query");
    const scope = await scopeFor(c, version);
    return subscribe(c.env, dataChannel(scope.workspaceId, scope.scopedAppId), c.req.raw);
  })
  .get("/collections", queryParams(versionQuerySchema), async (c) => {
    const { version } = c.req.valid("query");
    return c.json({ collections: await new AppDataRepository(c.env).collections(await scopeFor(c, version)) });
  })
  .get("/", queryParams(dataListQuerySchema), async (c) => {
    const q = c.req.valid("query");
    const page = await new AppDataRepository(c.env).page(await scopeFor(c, q.version), q.collection, q.limit, q.cursor);
    return c.json({ docs: page.docs.map(toClientDoc), nextCursor: page.nextCursor } satisfies DataPage);
  })
  .post("/", queryParams(versionQuerySchema), jsonBody(insertDocBodySchema), async (c) => {
    const { version } = c.req.valid("query");
    const body = c.req.valid("json");
    const doc = await new AppDataRepository(c.env).insert(await scopeFor(c, version), body.collection, body.data, body.mutationId);
    return c.json({ doc: toClientDoc(doc) }, 201);
  })
  .get("/:docId", pathParams(docIdParamsSchema, "document"), queryParams(dataQuerySchema), async (c) => {
    const q = c.req.valid("query");
    const doc = await new AppDataRepository(c.env).get(await scopeFor(c, q.version), q.collection, c.req.valid("param").docId);
    if (!doc) throw notFound("document");
    return c.json({ doc: toClientDoc(doc) });
  })
  .patch("/:docId", pathParams(docIdParamsSchema, "document"), queryParams(versionQuerySchema), jsonBody(patchDocBodySchema), async (c) => {
    const { version } = c.req.valid("query");
    const body = c.req.valid("json");
    const doc = await new AppDataRepository(c.env).patch(await scopeFor(c, version), body.collection, c.req.valid("param").docId, body.data, body.mutationId);
    if (!doc) throw notFound("document");
    return c.json({ doc: toClientDoc(doc) });
  })
  .delete("/:docId", pathParams(docIdParamsSchema, "document"), queryParams(deleteQuerySchema), async (c) => {
    const q = c.req.valid("query");
    const removed = await new AppDataRepository(c.env).remove(await scopeFor(c, q.version), q.collection, c.req.valid("param").docId);
    if (!removed) throw notFound("document");
    return c.json({ ok: true });
  });
