import type { Env } from "../../platform/env.ts";
import { ApiError } from "../../platform/api-error.ts";
import { DuplicateKeyError } from "../../platform/store/store-client.ts";
import { UsersRepository, normalizeEmail, type UserDoc } from "../../platform/repositories/users.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import type { ExternalIdentity } from "./external-identity.ts";
import type { AuditEvent } from "../../shared/api/audit.ts";

const emailTaken = (email: string) =>
  new ApiError(
    "identity_conflict",
    `${email} belongs to another account on this platform, so it cannot be used by this sign-in. Nothing was linked; ask a workspace admin for help.`,
  );

/** The identity events stay in the audit log of every workspace the person belongs to. */
async function auditAcrossWorkspaces(
  env: Env,
  user: UserDoc,
  eventName: string,
  outcome: "success" | "denied",
  metadata: Record<string, string | boolean>,
  options: { actor?: AuditEvent["actor"]; changes?: Record<string, [unknown, unknown]> } = {},
) {
  for (const membership of await new MembershipsRepository(env).listForUser(user._id)) {
    await recordAudit(env, {
      workspaceId: membership.workspaceId,
      eventName,
      category: "identity",
      actor: options.actor ?? userActor(user),
      target: { type: "user", id: user._id },
      outcome,
      metadata,
      ...(options.changes ? { changes: options.changes } : {}),
    });
  }
}

/** A known identity: email, verification and name follow the token, written only when they changed. */
async function syncProfile(env: Env, user: UserDoc, identity: ExternalIdentity): Promise<UserDoc> {
  const users = new UsersRepository(env);
  const emailChanged = normalizeEmail(user.email) !== normalizeEmail(identity.email);
  if (emailChanged) {
    const holder = await users.byEmail(identity.email);
    if (holder && holder._id !== user._id) {
      await auditAcrossWorkspaces(env, user, "user.email_change_refused", "denied", { reason: "email_taken" });
      throw emailTaken(identity.email);
    }
  }
  const unchanged = user.email === identity.email && user.emailVerified === identity.emailVerified && (!identity.name || identity.name === user.displayName);
  if (unchanged) return user;
  let updated: UserDoc | null;
  try {
    updated = await users.syncExternal(user._id, identity, identity.name);
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw emailTaken(identity.email); // taken meanwhile
    throw error;
  }
  if (emailChanged)
    await auditAcrossWorkspaces(env, user, "user.email_changed", "success", { emailVerified: identity.emailVerified }, { changes: { email: [user.email, identity.email] } });
  return updated ?? user;
}

/**
 * The account of an identity provider's person, identified by issuer + subject. A new identity gets
 * a new account, unless its email already belongs to one: an account linked to another identity is
 * never taken over (409); an account that was never linked (from local use before external mode) is
 * linked only when the provider verified the email, and the link is audited.
 */
export async function resolveExternalAccount(env: Env, identity: ExternalIdentity): Promise<UserDoc> {
  const users = new UsersRepository(env);
  const known = await users.byExternalIdentity(identity.issuer, identity.subject);
  if (known) return syncProfile(env, known, identity);

  const holder = await users.byEmail(identity.email);
  if (holder) {
    const linked = !holder.externalSubject && identity.emailVerified ? await users.linkExternal(holder._id, identity) : null;
    if (!linked) {
      // The caller is not this account's owner: the actor is the unknown identity, by subject.
      const stranger = { type: "system" as const, id: `identity:${identity.subject}`.slice(0, 200) };
      const reason = holder.externalSubject ? "linked_to_another_identity" : "email_not_verified";
      await auditAcrossWorkspaces(env, holder, "user.identity_link_refused", "denied", { reason, issuer: identity.issuer }, { actor: stranger });
      throw emailTaken(identity.email);
    }
    await auditAcrossWorkspaces(env, linked, "user.identity_linked", "success", { issuer: identity.issuer });
    return linked;
  }

  try {
    return await users.insertExternal(identity, identity.name);
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
    // Two first requests of the same person raced: the other one created the account.
    const created = await users.byExternalIdentity(identity.issuer, identity.subject);
    if (created) return created;
    throw emailTaken(identity.email);
  }
}
