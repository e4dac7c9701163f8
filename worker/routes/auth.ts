import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { authMode } from "../auth/auth-mode.ts";
import { clearSession, writeSession } from "../auth/session-cookie.ts";
import { actorOf, requireIdentity } from "../auth/actor.ts";
import { identityBodySchema, profileBodySchema } from "../../shared/api/identity.ts";
import { UsersRepository, sessionVersionOf, toUser } from "../../platform/repositories/users.ts";

const noneModeOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (authMode(c.env) !== "none") {
    throw new ApiError("auth_mode_unsupported", "This platform signs you in through its identity provider (SECOND_AUTH_MODE=external).");
  }
  await next();
});

export const authRoutes = new Hono<AppEnv>()
  /** `none` mode: name + email is the identity; the session cookie remembers it. */
  .post("/identity", noneModeOnly, jsonBody(identityBodySchema), async (c) => {
    const body = c.req.valid("json");
    const user = await new UsersRepository(c.env).upsertByEmail(body.email, body.displayName);
    await writeSession(c, { userId: user._id, version: sessionVersionOf(user) });
    return c.json({ user: toUser(user) });
  })
  /** external mode: a token without a name leaves the profile to finish here. */
  .post("/profile", requireIdentity, jsonBody(profileBodySchema), async (c) => {
    const actor = actorOf(c);
    const body = c.req.valid("json");
    const user = await new UsersRepository(c.env).setDisplayName(actor._id, body.displayName);
    return c.json({ user: toUser(user!) });
  })
  /** Ends the session server-side too: every cookie issued to this person so far stops working. */
  .post("/logout", async (c) => {
    const actor = c.var.actor;
    if (actor) await new UsersRepository(c.env).endSessions(actor._id);
    clearSession(c);
    return c.json({ ok: true });
  });
