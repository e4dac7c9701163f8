import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { resolveActor } from "../auth/actor.ts";
import { accessOf } from "../guard/app-access.ts";
import { AppsRepository, type AppDoc } from "../../platform/repositories/apps.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { SnapshotsRepository, filesOf } from "../../platform/repositories/snapshots.ts";
import { APP_DOCUMENT_CSP } from "../../shared/app-document.ts";

const HASH = /^[0-9a-f]{64}$/;
const IMMUTABLE = "public, max-age=31536000, immutable";
const HOST_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const notFoundPage = (c: Context<AppEnv>) =>
  c.html("<!doctype html><title>Not found</title><p>This app does not exist or you cannot see it.</p>", 404, { "cache-control": "no-store" });

/**
 * The app behind /a/:aId/..., for this caller: found only among their own workspaces, then the
 * same app-level rule as the API (owners/admins, builders, members of the app's teams).
 */
async function visibleApp(c: Context<AppEnv>, need: "view" | "edit"): Promise<AppDoc | null> {
  const actor = c.var.actor;
  if (!actor) return null;
  const memberships = await new MembershipsRepository(c.env).listForUser(actor._id);
  const app = await new AppsRepository(c.env).inWorkspaces(
    memberships.map((m) => m.workspaceId),
    c.req.param("aId") ?? "",
  );
  const membership = app && memberships.find((m) => m.workspaceId === app.workspaceId);
  if (!app || !membership) return null;
  const access = await accessOf(c.env, actor._id, membership.role, app);
  if (need === "edit") return access.canEdit ? app : null;
  return access.canViewPublished && app.publishedSnapshot ? app : null;
}

function appDocument(html: string, cacheControl: string, cache: "hit" | "miss" | "bypass"): Response {
  return new Response(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": APP_DOCUMENT_CSP,
      "cache-control": cacheControl,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "x-second-cache": cache,
    },
  });
}

async function builtHtml(c: Context<AppEnv>, app: AppDoc, kind: "draft" | "published"): Promise<string | null> {
  const snapshot = await new SnapshotsRepository(c.env).get(app.workspaceId, app._id, kind);
  return snapshot ? (filesOf(snapshot)["dist/index.html"] ?? null) : null;
}

/**
 * Published apps at the edge: /a/:aId/ is the host page (the platform's small host bundle, which
 * frames the app and bridges its data); /a/:aId/<hash>/ is the published app document, cached as
 * immutable under its content hash; /a/:aId/draft/<hash>/ is a builder's draft preview. Every
 * request that returns app code runs the access check first, cached or not (docs/decisions/0012).
 */
export const publishedAppRoutes = new Hono<AppEnv>()
  .use("*", resolveActor)
  .get("/:aId", (c) => c.redirect(`/a/${encodeURIComponent(c.req.param("aId"))}/`, 301))
  .get("/:aId/", async (c) => {
    if (!c.var.actor) return c.redirect("/onboarding/identity", 302);
    const app = await visibleApp(c, "view");
    if (!app) return notFoundPage(c);
    const host = await c.env.ASSETS.fetch(new Request(new URL("/host", c.req.url)));
    if (!host.ok) throw new Error(`the host page asset is missing (${host.status}); build the frontend`);
    const context = JSON.stringify({ workspaceId: app.workspaceId, appId: app._id, name: app.name }).replaceAll("<", "\\u003c");
    const html = (await host.text()).replace("</head>", `<script type="application/json" id="second-host">${context}</script></head>`);
    return c.html(html, 200, { "cache-control": "no-store", "content-security-policy": HOST_CSP, "referrer-policy": "same-origin" });
  })
  .get("/:aId/draft/:hash/", async (c) => {
    const hash = c.req.param("hash");
    const app = HASH.test(hash) ? await visibleApp(c, "edit") : null;
    if (!app || app.draftSnapshot?.hash !== hash) return notFoundPage(c);
    const html = await builtHtml(c, app, "draft");
    return html === null ? notFoundPage(c) : appDocument(html, "private, max-age=31536000, immutable", "bypass");
  })
  .get("/:aId/:hash/", async (c) => {
    const hash = c.req.param("hash");
    const app = HASH.test(hash) ? await visibleApp(c, "view") : null;
    // Only the version the app serves now: a rollback must not leave an older one reachable.
    if (!app || app.publishedSnapshot?.hash !== hash) return notFoundPage(c);
    const key = new Request(new URL(`/a/${app._id}/${hash}/`, c.req.url));
    const cache = caches.default;
    const cached = await cache.match(key);
    if (cached) return appDocument(await cached.text(), IMMUTABLE, "hit");
    const html = await builtHtml(c, app, "published");
    if (html === null || app.publishedSnapshot?.hash !== hash) return notFoundPage(c);
    await cache.put(key, appDocument(html, IMMUTABLE, "miss"));
    return appDocument(html, IMMUTABLE, "miss");
  })
  .all("*", (c) => notFoundPage(c));
