import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../../platform/api-error.ts";
import { queryParams } from "../http/validate.ts";
import { requireActor } from "../auth/actor.ts";
import { oauthCallbackQuerySchema, oauthStartQuerySchema, providerKeySchema } from "../../shared/api/oauth.ts";
import { finishConnection, startConnection } from "../oauth/connect-flow.ts";

/**
 * /api/oauth: a person connects their own account (authorization code + PKCE S256). Both routes are
 * browser navigations and answer redirects; the callback's outcome travels as a query parameter of
 * the page that started it (docs/security.md, OAuth).
 */
export const oauthRoutes = new Hono<AppEnv>()
  .use("*", requireActor)
  .get("/callback", queryParams(oauthCallbackQuerySchema), async (c) => {
    c.header("Cache-Control", "no-store");
    return c.redirect(await finishConnection(c, c.req.valid("query")), 303);
  })
  .get("/:provider/start", queryParams(oauthStartQuerySchema), async (c) => {
    const provider = providerKeySchema.safeParse(c.req.param("provider"));
    if (!provider.success) throw notFound("OAuth provider");
    const { workspace, returnTo } = c.req.valid("query");
    c.header("Cache-Control", "no-store");
    return c.redirect(await startConnection(c, provider.data, workspace, returnTo), 302);
  });
