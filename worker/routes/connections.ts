import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../../platform/api-error.ts";
import { queryParams } from "../http/validate.ts";
import { actorOf, requireActor } from "../auth/actor.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { OAuthProvidersRepository } from "../../platform/repositories/oauth-providers.ts";
import { ConnectedAccountsRepository } from "../../platform/repositories/connected-accounts.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { connectionsQuerySchema, type ConnectionsAnswer } from "../../shared/api/oauth.ts";

/** /api/me/connections: the caller's own connected accounts; nobody else's are ever listed or removed. */
export const connectionRoutes = new Hono<AppEnv>()
  .use("*", requireActor)
  .get("/", queryParams(connectionsQuerySchema), async (c) => {
    const actor = actorOf(c);
    const { workspace } = c.req.valid("query");
    if (!(await new MembershipsRepository(c.env).find(workspace, actor._id))) throw notFound("workspace");
    const [providers, accounts] = await Promise.all([
      new OAuthProvidersRepository(c.env).list(workspace),
      new ConnectedAccountsRepository(c.env).listForUser(workspace, actor._id),
    ]);
    const byId = new Map(providers.map((p) => [p._id, p]));
    const connected = new Set(accounts.map((a) => a.providerConfigId));
    const body: ConnectionsAnswer = {
      connections: accounts.flatMap((a) => {
        const p = byId.get(a.providerConfigId);
        if (!p) return [];
        return [
          {
            id: a._id,
            workspaceId: a.workspaceId,
            provider: p.providerKey,
            displayName: p.displayName,
            domain: p.domain,
            scopes: a.scopes,
            status: a.status,
            connectedAt: a.connectedAt.toISOString(),
            expiresAt: a.expiresAt ? a.expiresAt.toISOString() : null,
          },
        ];
      }),
      available: providers.filter((p) => !connected.has(p._id)).map((p) => ({ provider: p.providerKey, displayName: p.displayName, domain: p.domain })),
    };
    return c.json(body);
  })
  .delete("/:id", async (c) => {
    const actor = actorOf(c);
    const removed = await new ConnectedAccountsRepository(c.env).disconnect(actor._id, c.req.param("id"));
    if (!removed) throw notFound("connection");
    await recordAudit(c.env, {
      workspaceId: removed.workspaceId,
      eventName: "integration.disconnected",
      category: "integrations",
      actor: userActor(actor),
      target: { type: "oauth_provider", id: removed.providerKey },
      relatedIds: { connectionId: removed._id },
    });
    return c.json({ ok: true });
  });
