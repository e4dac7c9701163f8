import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError } from "../../platform/api-error.ts";
import { authMode } from "./auth-mode.ts";
import { readSession } from "./session-cookie.ts";
import { ExternalTokenError, externalAuthConfig, tokenFrom, verifyExternalToken } from "./external-identity.ts";
import { resolveExternalAccount } from "./external-account.ts";
import { UsersRepository, sessionVersionOf, type UserDoc } from "../../platform/repositories/users.ts";
import { cachedRead } from "../../platform/store/access-cache.ts";

async function externalActor(c: Context<AppEnv>): Promise<UserDoc | null> {
  let config: ReturnType<typeof externalAuthConfig>;
  try {
    config = externalAuthConfig(c.env);
  } catch (error) {
    throw new ApiError("misconfigured", error instanceof Error ? error.message : String(error));
  }
  const token = tokenFrom(c.req.raw);
  if (!token) return null;
  try {
    const identity = await verifyExternalToken(config, token);
    return await resolveExternalAccount(c.env, identity);
  } catch (error) {
    if (error instanceof ExternalTokenError) throw new ApiError("identity_required", error.message);
    throw error;
  }
}

/** `none` mode: the cookie's user, while the cookie's session version is still the user's. */
async function sessionActor(c: Context<AppEnv>): Promise<UserDoc | null> {
  const claim = await readSession(c);
  if (!claim) return null;
  const user = await cachedRead("users", claim.userId, () => new UsersRepository(c.env).byId(claim.userId));
  return user && sessionVersionOf(user) === claim.version ? user : null;
}

/** Who is calling: the session cookie (`none` mode) or the identity proxy's JWT (`external`). */
export const resolveActor = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.path.startsWith("/api/internal/")) {
    c.set("actor", null); // bearer-token routes: never a person, never a cookie
  } else if (authMode(c.env) === "external") {
    c.set("actor", await externalActor(c));
  } else {
    c.set("actor", await sessionActor(c));
  }
  await next();
});

/** Onboarding states for API calls (docs/architecture.md#scopes-and-tenancy): no identity, then no profile. */
export const requireActor = createMiddleware<AppEnv>(async (c, next) => {
  const actor = c.var.actor;
  if (!actor) throw new ApiError("identity_required", "Sign in first: tell us your name and email.");
  if (!actor.displayName) throw new ApiError("profile_required", "Finish your profile: add your display name.");
  await next();
});

/** Signed in, with or without a profile yet (finishing the profile is the one thing such a caller may do). */
export const requireIdentity = createMiddleware<AppEnv>(async (c, next) => {
  actorOf(c);
  await next();
});

export function actorOf(c: Context<AppEnv>): UserDoc {
  const actor = c.var.actor;
  if (!actor) throw new ApiError("identity_required", "Sign in first: tell us your name and email.");
  return actor;
}
