import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../http/api-error.ts";
import { readJson, readQuery } from "../http/read-json.ts";
import { loadApp } from "../guard/app-access.ts";
import { AppDataRepository, type DataScope } from "../repositories/app-data.ts";
import {
  dataListQuerySchema,
  dataQuerySchema,
  deleteQuerySchema,
  docIdSchema,
  insertDocBodySchema,
  patchDocBodySchema,
  versionQuerySchema,
  type DataPage,
} from "../../shared/api/app-data.ts";
import { scopedAppId, toClientDoc } from "../../shared/app-data/stored-doc.ts";
import type { AppVersion } from "../../shared/api/apps.ts";
import { dataChannel, subscribe } from "../realtime/channel-client.ts";

/** Draft data is for the app's builders; published data for everyone who can use the app. */
async function scopeFor(c: Context<AppEnv>, version: AppVersion): Promise<DataScope> {
  const { app } = await loadApp(c, version === "draft" ? "edit" : "view");
  return { workspaceId: app.workspaceId, scopedAppId: scopedAppId(app._id, version) };
}

function docIdParam(c: Context<AppEnv>): string {
  const parsed = docIdSchema.safeParse(c.req.param("docId"));
  if (!parsed.success) throw notFound("document");
  return parsed.data;
}

/** /api/workspaces/:wId/apps/:aId/data (docs/http-api.md#app-data). */
export const appDataRoutes = new Hono<AppEnv>()
  .get("/stream", async (c) => {
    const { version } = readQuery(c, versionQuerySchema);
    const scope = await scopeFor(c, version);
    return subscribe(c.env, dataChannel(scope.workspaceId, scope.scopedAppId), c.req.raw);
  })
  .get("/collections", async (c) => {
    const { version } = readQuery(c, versionQuerySchema);
    return c.json({ collections: await new AppDataRepository(c.env).collections(await scopeFor(c, version)) });
  })
  .get("/", async (c) => {
    const q = readQuery(c, dataListQuerySchema);
    const page = await new AppDataRepository(c.env).page(await scopeFor(c, q.version), q.collection, q.limit, q.cursor);
    return c.json({ docs: page.docs.map(toClientDoc), nextCursor: page.nextCursor } satisfies DataPage);
  })
  .post("/", async (c) => {
    const { version } = readQuery(c, versionQuerySchema);
    const body = await readJson(c, insertDocBodySchema);
    const doc = await new AppDataRepository(c.env).insert(await scopeFor(c, version), body.collection, body.data, body.mutationId);
    return c.json({ doc: toClientDoc(doc) }, 201);
  })
  .get("/:docId", async (c) => {
    const q = readQuery(c, dataQuerySchema);
    const doc = await new AppDataRepository(c.env).get(await scopeFor(c, q.version), q.collection, docIdParam(c));
    if (!doc) throw notFound("document");
    return c.json({ doc: toClientDoc(doc) });
  })
  .patch("/:docId", async (c) => {
    const { version } = readQuery(c, versionQuerySchema);
    const body = await readJson(c, patchDocBodySchema);
    const doc = await new AppDataRepository(c.env).patch(await scopeFor(c, version), body.collection, docIdParam(c), body.data, body.mutationId);
    if (!doc) throw notFound("document");
    return c.json({ doc: toClientDoc(doc) });
  })
  .delete("/:docId", async (c) => {
    const q = readQuery(c, deleteQuerySchema);
    const removed = await new AppDataRepository(c.env).remove(await scopeFor(c, q.version), q.collection, docIdParam(c));
    if (!removed) throw notFound("document");
    return c.json({ ok: true });
  });
