import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError, notFound, RateLimitedError } from "../../platform/api-error.ts";
import { log } from "../../platform/log.ts";
import { actorOf } from "../auth/actor.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { OAuthProvidersRepository } from "../../platform/repositories/oauth-providers.ts";
import { ConnectedAccountsRepository } from "../../platform/repositories/connected-accounts.ts";
import { MAX_OPEN_STATES, OAUTH_STATE_TTL_MS, OAuthStatesRepository } from "../../platform/repositories/oauth-states.ts";
import { openSecret, sealSecret } from "../integrations/secret-box.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { sha256Hex } from "../../shared/canonical-json.ts";
import type { OAuthFailure } from "../../shared/api/oauth.ts";
import { providerUrlProblem } from "./provider-url.ts";
import { randomToken, s256 } from "./pkce.ts";
import { requestTokens, TokenEndpointError } from "./token-endpoint.ts";
import { tokenFields } from "./token-fields.ts";

/** Ties a flow to the browser that started it: a login-CSRF callback from another browser lacks it. */
const BINDING_COOKIE = "second_oauth_binding";
const BINDING_VALUE = /^[A-Za-z0-9_-]{43}$/;

export const redirectUriOf = (c: Context<AppEnv>) => `${new URL(c.req.url).origin}/api/oauth/callback`;
export const connectionsPath = (workspaceId: string) => `/w/${encodeURIComponent(workspaceId)}/connections`;

/** Only a path of this platform: never another origin (`//host`, `/\host`) or anything with spaces or controls. */
function safeReturnPath(returnTo: string | undefined, workspaceId: string): string {
  return returnTo && /^\/(?![/\\])[\x21-\x7E]*$/.test(returnTo) ? returnTo : connectionsPath(workspaceId);
}

function withParams(path: string, params: Record<string, string>): string {
  const url = new URL(path, "http://platform.invalid");
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.pathname + url.search + url.hash;
}

/**
 * GET /api/oauth/:provider/start: records a single-use state for this person and browser (the PKCE
 * verifier sealed with it) and answers the provider's authorize URL to redirect to.
 */
export async function startConnection(c: Context<AppEnv>, providerKey: string, workspaceId: string, returnTo: string | undefined): Promise<string> {
  const actor = actorOf(c);
  if (!(await new MembershipsRepository(c.env).find(workspaceId, actor._id))) throw notFound("workspace");
  const provider = await new OAuthProvidersRepository(c.env).byKey(workspaceId, providerKey);
  if (!provider) throw notFound("OAuth provider");
  const problem = providerUrlProblem(c.env, provider.authorizeUrl);
  if (problem) throw new ApiError("conflict", `${provider.displayName}'s authorize URL ${problem}; an admin must correct it in Settings → Integrations.`);
  const states = new OAuthStatesRepository(c.env);
  if ((await states.openCount(workspaceId, actor._id)) >= MAX_OPEN_STATES) {
    throw new RateLimitedError(OAUTH_STATE_TTL_MS / 1000, "Too many connections were started and not finished; try again in a few minutes.");
  }
  const existing = getCookie(c, BINDING_COOKIE);
  const binding = existing && BINDING_VALUE.test(existing) ? existing : randomToken();
  setCookie(c, BINDING_COOKIE, binding, {
    httpOnly: true,
    sameSite: "Lax", // sent on the provider's top-level redirect back to the callback
    path: "/api/oauth",
    secure: new URL(c.req.url).protocol === "https:",
    maxAge: OAUTH_STATE_TTL_MS / 1000,
  });
  const state = randomToken();
  const verifier = randomToken();
  const now = Date.now();
  await states.insert({
    _id: await sha256Hex(state),
    workspaceId,
    userId: actor._id,
    providerConfigId: provider._id,
    verifierSealed: await sealSecret(c.env, verifier),
    bindingHash: await sha256Hex(binding),
    redirectUri: redirectUriOf(c),
    returnTo: safeReturnPath(returnTo, workspaceId),
    createdAt: new Date(now),
    expiresAt: new Date(now + OAUTH_STATE_TTL_MS),
  });
  const authorize = new URL(provider.authorizeUrl);
  const params: Record<string, string> = {
    response_type: "code",
    client_id: provider.clientId,
    redirect_uri: redirectUriOf(c),
    state,
    code_challenge: await s256(verifier),
    code_challenge_method: "S256",
    ...(provider.scopes.length ? { scope: provider.scopes.join(" ") } : {}),
  };
  for (const [key, value] of Object.entries(params)) authorize.searchParams.set(key, value);
  return authorize.toString();
}

/**
 * GET /api/oauth/callback: takes the state (single use; it must belong to this person, this browser,
 * and be unexpired), exchanges the code with the PKCE verifier and stores the tokens sealed.
 * Answers the path to send the browser to, with `oauth=connected` or `oauthError=<reason>`.
 */
export async function finishConnection(c: Context<AppEnv>, query: { state?: string; code?: string; error?: string }): Promise<string> {
  const actor = actorOf(c);
  const fail = (reason: OAuthFailure, path: string) => withParams(path, { oauthError: reason });
  const state = query.state ? await new OAuthStatesRepository(c.env).take(await sha256Hex(query.state), actor._id) : null;
  if (!state) return fail("state_invalid", "/");
  const binding = getCookie(c, BINDING_COOKIE);
  const bound = binding !== undefined && (await sha256Hex(binding)) === state.bindingHash;
  const member = await new MembershipsRepository(c.env).find(state.workspaceId, actor._id);
  if (!bound || !member || state.expiresAt.getTime() < Date.now()) return fail("state_invalid", state.returnTo);
  const provider = await new OAuthProvidersRepository(c.env).byId(state.workspaceId, state.providerConfigId);
  if (!provider) return fail("provider_removed", state.returnTo);
  if (query.error || !query.code) return fail("access_denied", state.returnTo);
  let tokens: Awaited<ReturnType<typeof requestTokens>>;
  try {
    tokens = await requestTokens(
      c.env,
      provider.tokenUrl,
      { clientId: provider.clientId, clientSecret: await openSecret(c.env, provider.clientSecretSealed) },
      { grant_type: "authorization_code", code: query.code, redirect_uri: state.redirectUri, code_verifier: await openSecret(c.env, state.verifierSealed) },
    );
  } catch (error) {
    if (!(error instanceof TokenEndpointError)) throw error;
    log("warn", "oauth code exchange failed", { workspaceId: state.workspaceId, provider: provider.providerKey, reason: error.message });
    return fail("exchange_failed", state.returnTo);
  }
  const account = await new ConnectedAccountsRepository(c.env).connect(state.workspaceId, actor._id, provider, await tokenFields(c.env, tokens, provider.scopes, null));
  await recordAudit(c.env, {
    workspaceId: state.workspaceId,
    eventName: "integration.connected",
    category: "integrations",
    actor: userActor(actor),
    target: { type: "oauth_provider", id: provider.providerKey },
    metadata: { domain: provider.domain },
    relatedIds: account ? { connectionId: account._id } : {},
  });
  return withParams(state.returnTo, { oauth: "connected", provider: provider.providerKey });
}
