import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { OAuthProvidersRepository, type OAuthProviderDoc } from "../../platform/repositories/oauth-providers.ts";
import { ConnectedAccountsRepository } from "../../platform/repositories/connected-accounts.ts";
import { sealSecret } from "../integrations/secret-box.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";
import { oauthProviderBodySchema, providerKeySchema, type OAuthProvider, type OAuthProviderBody } from "../../shared/api/oauth.ts";
import type { FieldIssue } from "../../shared/api/errors.ts";
import { apiDomainProblem, providerUrlProblem } from "../oauth/provider-url.ts";
import { redirectUriOf } from "../oauth/connect-flow.ts";

const providerKeyOf = (c: Context<AppEnv>): string => {
  const parsed = providerKeySchema.safeParse(c.req.param("provider"));
  if (!parsed.success) throw notFound("OAuth provider");
  return parsed.data;
};

async function toProvider(c: Context<AppEnv>, p: OAuthProviderDoc): Promise<OAuthProvider> {
  return {
    provider: p.providerKey,
    displayName: p.displayName,
    authorizeUrl: p.authorizeUrl,
    tokenUrl: p.tokenUrl,
    clientId: p.clientId,
    hasClientSecret: Boolean(p.clientSecretSealed),
    scopes: p.scopes,
    domain: p.domain,
    redirectUri: redirectUriOf(c),
    connectedAccounts: await new ConnectedAccountsRepository(c.env).countForProvider(p.workspaceId, p.providerKey),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The URL and domain rules that depend on the deployment (https, public hosts, the development origin). */
function assertReachable(c: Context<AppEnv>, body: OAuthProviderBody): void {
  const fields: FieldIssue[] = [];
  for (const key of ["authorizeUrl", "tokenUrl"] as const) {
    const problem = providerUrlProblem(c.env, body[key]);
    if (problem) fields.push({ path: key, message: `The URL ${problem}.` });
  }
  const domainProblem = apiDomainProblem(body.domain);
  if (domainProblem) fields.push({ path: "domain", message: `The domain ${domainProblem}.` });
  if (fields.length) throw new ApiError("validation_failed", fields.map((f) => `${f.path}: ${f.message}`).join(" "), fields);
}

/**
 * /api/workspaces/:wId/oauth-providers: the workspace's OAuth clients (integrations:manage). The
 * client secret is write-only: stored sealed, never answered. A client grants nothing by itself;
 * each person connects their own account (worker/routes/oauth.ts).
 */
export const oauthProviderRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const ws = await requirePermission(c, "integrations:manage");
    const providers = await new OAuthProvidersRepository(c.env).list(ws.workspace._id);
    return c.json({ providers: await Promise.all(providers.map((p) => toProvider(c, p))) });
  })
  .get("/:provider", async (c) => {
    const ws = await requirePermission(c, "integrations:manage");
    const provider = await new OAuthProvidersRepository(c.env).byKey(ws.workspace._id, providerKeyOf(c));
    if (!provider) throw notFound("OAuth provider");
    return c.json({ provider: await toProvider(c, provider) });
  })
  .put("/:provider", jsonBody(oauthProviderBodySchema), async (c) => {
    const ws = await requirePermission(c, "integrations:manage");
    const providerKey = providerKeyOf(c);
    const body = c.req.valid("json");
    assertReachable(c, body);
    const repo = new OAuthProvidersRepository(c.env);
    const before = await repo.byKey(ws.workspace._id, providerKey);
    if (!before && !body.clientSecret) {
      throw new ApiError("validation_failed", "clientSecret: A new provider needs its client secret.", [
        { path: "clientSecret", message: "A new provider needs its client secret." },
      ]);
    }
    const { clientSecret, ...fields } = body;
    const actor = actorOf(c);
    const saved = await repo.save(ws.workspace._id, providerKey, {
      ...fields,
      updatedByUserId: actor._id,
      ...(clientSecret ? { clientSecretSealed: await sealSecret(c.env, clientSecret) } : {}),
    });
    if (!saved) throw new ApiError("conflict", "The provider changed while it was being saved; try again.");
    await recordAudit(c.env, {
      workspaceId: ws.workspace._id,
      eventName: before ? "integration.oauth_provider_updated" : "integration.oauth_provider_added",
      category: "integrations",
      actor: userActor(actor),
      target: { type: "oauth_provider", id: providerKey },
      metadata: { domain: saved.domain, clientSecretChanged: Boolean(clientSecret) },
      changes: before
        ? {
            authorizeUrl: [before.authorizeUrl, saved.authorizeUrl],
            tokenUrl: [before.tokenUrl, saved.tokenUrl],
            clientId: [before.clientId, saved.clientId],
            domain: [before.domain, saved.domain],
          }
        : {},
    });
    await publishWorkspaceEvent(c.env, ws.workspace._id, "integration.changed", ["integrations"], { provider: providerKey });
    return c.json({ provider: await toProvider(c, saved) }, before ? 200 : 201);
  })
  .delete("/:provider", async (c) => {
    const ws = await requirePermission(c, "integrations:manage");
    const providerKey = providerKeyOf(c);
    const repo = new OAuthProvidersRepository(c.env);
    const provider = await repo.byKey(ws.workspace._id, providerKey);
    if (!provider) throw notFound("OAuth provider");
    await repo.remove(ws.workspace._id, providerKey);
    // Every person's tokens for this client go with it; connecting again needs a new client.
    const { deletedCount } = await new ConnectedAccountsRepository(c.env).removeForProvider(ws.workspace._id, providerKey, provider._id);
    await recordAudit(c.env, {
      workspaceId: ws.workspace._id,
      eventName: "integration.oauth_provider_removed",
      category: "integrations",
      actor: userActor(actorOf(c)),
      target: { type: "oauth_provider", id: providerKey },
      metadata: { domain: provider.domain, connectionsRemoved: deletedCount },
    });
    await publishWorkspaceEvent(c.env, ws.workspace._id, "integration.changed", ["integrations"], { provider: providerKey });
    return c.json({ ok: true });
  });
