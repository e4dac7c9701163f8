import type { Env } from "../../platform/env.ts";
import { ApiError } from "../../platform/api-error.ts";
import { IntegrationGrantsRepository, grantStatus, toIntegrationGrant, type IntegrationGrantDoc } from "../../platform/repositories/integration-grants.ts";
import { oauthReadiness } from "../oauth/provider-status.ts";
import type { GrantStatus, IntegrationGrant } from "../../shared/integrations/grant.ts";
import { UsersRepository } from "../../platform/repositories/users.ts";
import { presentedIntegrationSetupSchema, type IntegrationSetup } from "../../shared/integrations/setup.ts";
import { log } from "../../platform/log.ts";
import { recordAudit } from "./audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";

/**
 * The builder presented integration-setup.json: each entry becomes (or updates) the app's grant for
 * its domain + keySlug. A grant the file no longer names is dropped while nothing is configured on
 * it; a configured one is kept (its credential is an admin's work, not the builder's to discard).
 */
export async function syncGrantsFromSetup(env: Env, target: { workspaceId: string; appId: string; userId: string }, setup: IntegrationSetup): Promise<void> {
  const { workspaceId, appId } = target;
  const grants = new IntegrationGrantsRepository(env);
  const user = await new UsersRepository(env).byId(target.userId);
  const requestedBy = { userId: target.userId, displayName: user?.displayName ?? "Unknown" };
  const wanted = new Set(setup.integrations.map((i) => `${i.domain} ${i.keySlug}`));
  for (const request of setup.integrations) await grants.upsertRequest(workspaceId, appId, request, requestedBy);
  let dropped = 0;
  for (const grant of await grants.listForApp(workspaceId, appId)) {
    if (wanted.has(`${grant.domain} ${grant.keySlug}`) || grant.configuredSecrets.length > 0) continue;
    dropped += (await grants.remove(workspaceId, appId, grant._id)).deletedCount;
  }
  await recordAudit(env, {
    workspaceId,
    eventName: "integration.setup_presented",
    category: "integrations",
    actor: { type: "agent", id: "builder" },
    source: "builder_agent",
    target: { type: "app", id: appId },
    metadata: {
      integrations: setup.integrations.length,
      dropped,
      domains: setup.integrations
        .map((i) => i.domain)
        .join(",")
        .slice(0, 200),
    },
    relatedIds: { appId },
  });
  await publishWorkspaceEvent(env, workspaceId, "integration.changed", ["integrations", "apps"], { appId });
}

/**
 * A `present_integration_setup` tool output from the runner: validated again here (the runner runs
 * model-written code), then applied to the turn's own app. Returns whether it was applied.
 */
export async function applyPresentedSetup(env: Env, target: { workspaceId: string; appId: string; userId: string }, output: unknown): Promise<boolean> {
  const presented = presentedIntegrationSetupSchema.safeParse(output);
  if (!presented.success) {
    log("warn", "integration setup from the runner refused", { appId: target.appId, issues: presented.error.issues.length });
    return false;
  }
  await syncGrantsFromSetup(env, target, presented.data.setup);
  return true;
}

/** Review approval and publishing wait for every grant of the app to be configured: 409 naming the ones that are not. */
export async function assertGrantsConfigured(env: Env, workspaceId: string, appId: string): Promise<void> {
  const pending = (await grantsWithStatus(env, workspaceId, await new IntegrationGrantsRepository(env).listForApp(workspaceId, appId)))
    .filter((g) => g.status === "needs_setup")
    .map((g) => g.grant);
  if (pending.length === 0) return;
  const names = pending.map((g) => `"${g.displayName}" (${g.domain}${g.keySlug === "default" ? "" : ` / ${g.keySlug}`})`).join(", ");
  throw new ApiError(
    "conflict",
    `The app cannot be published yet: ${pending.length === 1 ? "the integration" : "the integrations"} ${names} still ${pending.length === 1 ? "needs" : "need"} setup. An owner or admin sets the credential in the app's Integrations settings first.`,
  );
}

/** Grants with their status; OAuth grants look up the workspace's providers (read once). */
export async function grantsWithStatus(env: Env, workspaceId: string, grants: IntegrationGrantDoc[]): Promise<{ grant: IntegrationGrantDoc; status: GrantStatus }[]> {
  const served = grants.some((g) => g.authMode === "oauth") ? await oauthReadiness(env, workspaceId) : () => false;
  return grants.map((grant) => ({ grant, status: grantStatus(grant, grant.authMode === "oauth" && served(grant)) }));
}

/** Grants as the API shows them. */
export async function integrationGrantViews(env: Env, workspaceId: string, grants: IntegrationGrantDoc[]): Promise<IntegrationGrant[]> {
  return (await grantsWithStatus(env, workspaceId, grants)).map(({ grant, status }) => toIntegrationGrant(grant, status));
}
