import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { loadApp } from "../guard/app-access.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { IntegrationGrantsRepository, type IntegrationGrantDoc } from "../../platform/repositories/integration-grants.ts";
import { integrationGrantViews } from "../services/integration-grants.ts";
import { IntegrationCredentialsRepository, secretContext } from "../../platform/repositories/integration-credentials.ts";
import { userActor } from "../services/audit.ts";
import { recordChange, type Change } from "../services/record-change.ts";
import { sealSecret } from "../integrations/secret-box.ts";
import { putCredentialBodySchema, type IntegrationGrantList } from "../../shared/integrations/grant.ts";
import type { Context } from "hono";

/** GET /api/workspaces/:wId/integrations: every grant of every app (owners and admins). */
export const workspaceIntegrationRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const ws = await requirePermission(c, "integrations:manage");
  const grants = await new IntegrationGrantsRepository(c.env).listForWorkspace(ws.workspace._id);
  return c.json({ integrations: await integrationGrantViews(c.env, ws.workspace._id, grants) } satisfies IntegrationGrantList);
});

/** The grant named in the path, of this app only; an admin's credential routes. */
async function loadGrant(c: Context<AppEnv>) {
  const { app } = await loadApp(c, "view");
  await requirePermission(c, "integrations:manage");
  const grant = await new IntegrationGrantsRepository(c.env).byId(app.workspaceId, app._id, c.req.param("integrationId") ?? "");
  if (!grant) throw notFound("integration");
  return { app, grant };
}

/** The audit record and workspace event of a credential change: names only, a secret's value is never written anywhere but its sealed field. */
function credentialChange(c: Context<AppEnv>, grant: IntegrationGrantDoc, eventName: string, names: string[]): Pick<Change<unknown>, "audit" | "event"> {
  return {
    audit: {
      workspaceId: grant.workspaceId,
      eventName,
      category: "integrations",
      actor: userActor(actorOf(c)),
      target: { type: "integration", id: grant._id },
      metadata: { domain: grant.domain, keySlug: grant.keySlug, secrets: names.join(",") },
      relatedIds: { appId: grant.appId, integrationId: grant._id },
    },
    event: { workspaceId: grant.workspaceId, type: "integration.changed", scopes: ["integrations", "apps"], ids: { appId: grant.appId, integrationId: grant._id } },
  };
}

/** /api/workspaces/:wId/apps/:aId/integrations: the app's grants, and their static credentials. */
export const appIntegrationRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { app } = await loadApp(c, "edit");
    const grants = await new IntegrationGrantsRepository(c.env).listForApp(app.workspaceId, app._id);
    return c.json({ integrations: await integrationGrantViews(c.env, app.workspaceId, grants) } satisfies IntegrationGrantList);
  })
  .put("/:integrationId/credential", jsonBody(putCredentialBodySchema), async (c) => {
    const { grant } = await loadGrant(c);
    const { secrets } = c.req.valid("json");
    if (grant.authMode === "oauth")
      throw new ApiError("conflict", `"${grant.displayName}" uses OAuth: each person connects their own account; there is no shared credential to set.`);
    const declared = new Set(grant.secrets.map((s) => s.name));
    const unknown = Object.keys(secrets).filter((name) => !declared.has(name));
    if (unknown.length) {
      throw new ApiError(
        "validation_failed",
        `"${grant.displayName}" has no secret named ${unknown.join(", ")} (it asks for ${[...declared].join(", ")}).`,
        unknown.map((name) => ({ path: `secrets.${name}`, message: "not a secret of this integration" })),
      );
    }
    const target = { workspaceId: grant.workspaceId, appId: grant.appId, grantId: grant._id };
    const sealed: Record<string, string> = {};
    for (const [name, value] of Object.entries(secrets)) sealed[name] = await sealSecret(c.env, value, secretContext(target, name));
    // The sealed values, the grant's status and the audit record are kept together or not at all.
    const updated = await recordChange(c.env, {
      write: new IntegrationGrantsRepository(c.env).addConfiguredSecretsOp(grant.workspaceId, grant.appId, grant._id, Object.keys(sealed)),
      also: [new IntegrationCredentialsRepository(c.env).setSecretsOp({ ...target, domain: grant.domain }, sealed, actorOf(c)._id)],
      ...credentialChange(c, grant, "integration.secret_set", Object.keys(secrets)),
    });
    if (!updated) throw notFound("integration");
    return c.json({ integration: (await integrationGrantViews(c.env, updated.workspaceId, [updated]))[0]! });
  })
  .delete("/:integrationId/credential", async (c) => {
    const { grant } = await loadGrant(c);
    const updated = await recordChange(c.env, {
      write: new IntegrationGrantsRepository(c.env).clearConfiguredSecretsOp(grant.workspaceId, grant.appId, grant._id),
      also: [new IntegrationCredentialsRepository(c.env).removeForGrantOp(grant.workspaceId, grant.appId, grant.domain, grant._id)],
      ...credentialChange(c, grant, "integration.secret_removed", grant.configuredSecrets),
    });
    if (!updated) throw notFound("integration");
    return c.json({ integration: (await integrationGrantViews(c.env, updated.workspaceId, [updated]))[0]! });
  });
