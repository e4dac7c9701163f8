import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import { createApp } from "../../worker/app.ts";
import { externalAuthConfig, verifyExternalToken } from "../../worker/auth/external-identity.ts";

const ISSUER = "https://id.example.test";
const AUDIENCE = "second-tests";
const app = createApp();

let good: CryptoKey;
let other: CryptoKey;
let externalEnv: typeof env;

async function token(claims: Record<string, unknown>, options: { key?: CryptoKey; audience?: string; expiresIn?: string; subject?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject(options.subject ?? "sub-ada")
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "5m")
    .sign(options.key ?? good);
}

const call = (path: string, jwt: string | null, init: RequestInit = {}, settings: Record<string, string> = {}) =>
  app.fetch(new Request(`http://example.com${path}`, { ...init, headers: { ...(jwt ? { "cf-access-jwt-assertion": jwt } : {}), ...(init.headers ?? {}) } }), {
    ...externalEnv,
    ...settings,
  });

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  good = pair.privateKey;
  other = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  externalEnv = {
    ...env,
    SECOND_AUTH_MODE: "external",
    SECOND_AUTH_ISSUER: ISSUER,
    SECOND_AUTH_AUDIENCE: AUDIENCE,
    SECOND_AUTH_JWKS: JSON.stringify({ keys: [jwk] }),
  };
});

describe("external auth mode", () => {
  it("signs in with a valid token and upserts the user by subject", async () => {
    const jwt = await token({ email: "Ada@Example.com", name: "Ada" });
    const me = await call("/api/me", jwt);
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: { id: string; email: string }; authMode: string };
    expect(body.authMode).toBe("external");
    const again = (await (await call("/api/me", await token({ email: "ada@example.com", name: "Ada Lovelace" }))).json()) as { user: { id: string; displayName: string } };
    expect(again.user.id).toBe(body.user.id);
    expect(again.user.displayName).toBe("Ada Lovelace");
  });

  it("answers 401 to an expired, wrongly signed or wrong-audience token, and to none", async () => {
    const cases = {
      expired: await token({ email: "e@example.com" }, { expiresIn: "-1m" }),
      wrongKey: await token({ email: "w@example.com" }, { key: other }),
      wrongAudience: await token({ email: "a@example.com" }, { audience: "someone-else" }),
      garbage: "not.a.jwt",
    };
    for (const [name, jwt] of Object.entries(cases)) {
      const reply = await call("/api/me", jwt);
      expect.soft(reply.status, name).toBe(401);
      expect.soft(((await reply.json()) as { error: { code: string } }).error.code, name).toBe("identity_required");
    }
    expect((await call("/api/me", null)).status).toBe(401);
  });

  it("asks for a profile when the token carries no name", async () => {
    const jwt = await token({ email: "noname@example.com" }, { subject: "sub-noname" });
    const reply = await call("/api/me", jwt);
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe("profile_required");
    const profile = await call("/api/auth/profile", jwt, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: "Named" }) });
    expect(profile.status).toBe(200);
    expect((await call("/api/me", jwt)).status).toBe(200);
  });

  it("accepts an invitation on the invitee's sign-in: membership with the invited role, General joined", async () => {
    const ownerJwt = await token({ email: "owner@corp.test", name: "Owner" }, { subject: "sub-owner" });
    const created = await call("/api/workspaces", ownerJwt, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Corp" }) });
    const workspaceId = ((await created.json()) as { workspace: { id: string } }).workspace.id;
    const invite = await call(`/api/workspaces/${workspaceId}/invitations`, ownerJwt, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "Newbie@corp.test", role: "admin" }),
    });
    expect(invite.status).toBe(201);
    const newbieJwt = await token({ email: "newbie@corp.test", email_verified: true, name: "Newbie" }, { subject: "sub-newbie" });
    const me = (await (await call("/api/me", newbieJwt)).json()) as { workspaces: { id: string; role: string }[] };
    expect(me.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: "admin" })]);
    const teams = (await (await call(`/api/workspaces/${workspaceId}/teams`, newbieJwt)).json()) as { teams: { isDefault: boolean; memberCount: number }[] };
    expect(teams.teams.find((t) => t.isDefault)?.memberCount).toBe(2);
    const invitations = (await (await call(`/api/workspaces/${workspaceId}/invitations`, ownerJwt)).json()) as { invitations: { status: string }[] };
    expect(invitations.invitations[0]?.status).toBe("accepted");
    const audit = (await (await call(`/api/workspaces/${workspaceId}/audit`, ownerJwt)).json()) as { events: { eventName: string }[] };
    expect(audit.events.map((e) => e.eventName)).toEqual(expect.arrayContaining(["member.invited", "member.joined"]));
  });

  it("revokes a pending invitation, audited, so it can no longer be accepted", async () => {
    const ownerJwt = await token({ email: "boss@corp2.test", name: "Boss" }, { subject: "sub-boss" });
    const json = { "content-type": "application/json" };
    const created = await call("/api/workspaces", ownerJwt, { method: "POST", headers: json, body: JSON.stringify({ name: "Corp Two" }) });
    const workspaceId = ((await created.json()) as { workspace: { id: string } }).workspace.id;
    const invited = await call(`/api/workspaces/${workspaceId}/invitations`, ownerJwt, { method: "POST", headers: json, body: JSON.stringify({ email: "late@corp2.test" }) });
    const invitationId = ((await invited.json()) as { invitation: { id: string } }).invitation.id;
    expect((await call(`/api/workspaces/${workspaceId}/invitations/${invitationId}`, ownerJwt, { method: "DELETE" })).status).toBe(200);
    const lateJwt = await token({ email: "late@corp2.test", email_verified: true, name: "Late" }, { subject: "sub-late" });
    expect((await call(`/api/invitations/${invitationId}/accept`, lateJwt, { method: "POST", headers: json, body: "{}" })).status).toBe(404);
    const me = (await (await call("/api/me", lateJwt)).json()) as { workspaces: unknown[] };
    expect(me.workspaces).toEqual([]);
    const audit = (await (await call(`/api/workspaces/${workspaceId}/audit?eventName=member.invitation_revoked`, ownerJwt)).json()) as { events: unknown[] };
    expect(audit.events).toHaveLength(1);
  });

  it("never links a new subject to an account by email: 409, the victim's account untouched, the attempt audited", async () => {
    const json = { "content-type": "application/json" };
    const victimJwt = await token({ email: "victim@corp3.test", email_verified: true, name: "Victim" }, { subject: "sub-victim" });
    const created = await call("/api/workspaces", victimJwt, { method: "POST", headers: json, body: JSON.stringify({ name: "Corp Three" }) });
    const workspaceId = ((await created.json()) as { workspace: { id: string } }).workspace.id;
    const victim = (await (await call("/api/me", victimJwt)).json()) as { user: { id: string } };

    // Another subject of the same provider presents the victim's email, verified or not, in any case.
    for (const [i, claims] of [{ email: "victim@corp3.test", email_verified: true }, { email: "VICTIM@corp3.test" }].entries()) {
      const attackerJwt = await token({ ...claims, name: "Mallory" }, { subject: `sub-mallory-${i}` });
      const reply = await call("/api/me", attackerJwt);
      expect(reply.status).toBe(409);
      expect(((await reply.json()) as { error: { code: string } }).error.code).toBe("identity_conflict");
      expect((await call(`/api/workspaces/${workspaceId}/members`, attackerJwt)).status).toBe(409);
    }
    // The victim still signs in as themself, owner of their workspace, with their name.
    const after = (await (await call("/api/me", victimJwt)).json()) as { user: { id: string; displayName: string }; workspaces: { id: string; role: string }[] };
    expect(after.user).toMatchObject({ id: victim.user.id, displayName: "Victim" });
    expect(after.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: "owner" })]);
    const audit = (await (await call(`/api/workspaces/${workspaceId}/audit?eventName=user.identity_link_refused`, victimJwt)).json()) as {
      events: { outcome: string; actor: { id: string } }[];
    };
    expect(audit.events).toHaveLength(4); // two identities, two requests each
    expect(audit.events.every((e) => e.outcome === "denied" && e.actor.id.startsWith("identity:sub-mallory"))).toBe(true);
  });

  it("answers 409, not 500, when a known identity's email changes to another account's email, and follows a free change", async () => {
    const json = { "content-type": "application/json" };
    const aJwt = (email: string) => token({ email, email_verified: true, name: "Alice" }, { subject: "sub-alice" });
    await call("/api/me", await token({ email: "bob@corp4.test", email_verified: true, name: "Bob" }, { subject: "sub-bob" }));
    const created = await call("/api/workspaces", await aJwt("alice@corp4.test"), { method: "POST", headers: json, body: JSON.stringify({ name: "Corp Four" }) });
    const workspaceId = ((await created.json()) as { workspace: { id: string } }).workspace.id;

    const taken = await call("/api/me", await aJwt("Bob@corp4.test"));
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: { code: string } }).error.code).toBe("identity_conflict");
    const bob = (await (await call("/api/me", await token({ email: "bob@corp4.test", email_verified: true }, { subject: "sub-bob" }))).json()) as {
      user: { email: string; displayName: string };
    };
    expect(bob.user).toMatchObject({ email: "bob@corp4.test", displayName: "Bob" });

    const moved = (await (await call("/api/me", await aJwt("alice.new@corp4.test"))).json()) as { user: { email: string }; workspaces: unknown[] };
    expect(moved.user.email).toBe("alice.new@corp4.test");
    expect(moved.workspaces).toHaveLength(1);
    const audit = (await (await call(`/api/workspaces/${workspaceId}/audit?category=identity`, await aJwt("alice.new@corp4.test"))).json()) as { events: { eventName: string }[] };
    expect(audit.events.map((e) => e.eventName).sort()).toEqual(["user.email_change_refused", "user.email_changed"]);
  });

  it("accepts no invitation for an unverified email, on sign-in or by the accept route", async () => {
    const json = { "content-type": "application/json" };
    const ownerJwt = await token({ email: "owner@corp5.test", email_verified: true, name: "Owner" }, { subject: "sub-owner5" });
    const created = await call("/api/workspaces", ownerJwt, { method: "POST", headers: json, body: JSON.stringify({ name: "Corp Five" }) });
    const workspaceId = ((await created.json()) as { workspace: { id: string } }).workspace.id;
    const invited = await call(`/api/workspaces/${workspaceId}/invitations`, ownerJwt, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: "boss@corp5.test", role: "admin" }),
    });
    const invitationId = ((await invited.json()) as { invitation: { id: string } }).invitation.id;

    for (const claims of [{ email_verified: false }, {}]) {
      const unverified = await token({ email: "boss@corp5.test", name: "Not Boss", ...claims }, { subject: "sub-notboss" });
      const me = (await (await call("/api/me", unverified)).json()) as { workspaces: unknown[] };
      expect(me.workspaces).toEqual([]);
      const accept = await call(`/api/invitations/${invitationId}/accept`, unverified, { method: "POST", headers: json, body: "{}" });
      expect(accept.status).toBe(403);
      expect((await call(`/api/workspaces/${workspaceId}`, unverified)).status).toBe(404);
    }
    const invitations = (await (await call(`/api/workspaces/${workspaceId}/invitations`, ownerJwt)).json()) as { invitations: { status: string }[] };
    expect(invitations.invitations[0]?.status).toBe("pending");

    // Once the provider verifies the address, the same person joins.
    const verified = await token({ email: "boss@corp5.test", email_verified: true, name: "Boss" }, { subject: "sub-notboss" });
    const me = (await (await call("/api/me", verified)).json()) as { workspaces: { id: string; role: string }[] };
    expect(me.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: "admin" })]);
  });

  it("counts a token without email_verified as verified only when SECOND_AUTH_EMAILS_VERIFIED=1 says the provider vouches", async () => {
    const config = externalAuthConfig({ ...externalEnv, SECOND_AUTH_EMAILS_VERIFIED: "1" });
    const withoutClaim = await token({ email: "x@corp6.test" }, { subject: "sub-x6" });
    expect((await verifyExternalToken(config, withoutClaim)).emailVerified).toBe(true);
    expect((await verifyExternalToken(config, await token({ email: "x@corp6.test", email_verified: false }, { subject: "sub-x6" }))).emailVerified).toBe(false);
    expect((await verifyExternalToken(externalAuthConfig(externalEnv), withoutClaim)).emailVerified).toBe(false);
  });

  it("limits invitations per workspace: an invitation flood gets 429 with Retry-After and invites nobody more", async () => {
    const json = { "content-type": "application/json" };
    const limited = { SECOND_RATE_LIMIT_INVITATIONS_PER_WORKSPACE: "3/3600" };
    const ownerJwt = await token({ email: "owner@corp7.test", email_verified: true, name: "Owner" }, { subject: "sub-owner7" });
    const created = await call("/api/workspaces", ownerJwt, { method: "POST", headers: json, body: JSON.stringify({ name: "Corp Seven" }) });
    const workspaceId = ((await created.json()) as { workspace: { id: string } }).workspace.id;
    const invite = (n: number) =>
      call(`/api/workspaces/${workspaceId}/invitations`, ownerJwt, { method: "POST", headers: json, body: JSON.stringify({ email: `spam${n}@corp7.test` }) }, limited);
    for (let n = 0; n < 3; n++) expect((await invite(n)).status).toBe(201);
    const refused = await invite(3);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    const list = (await (await call(`/api/workspaces/${workspaceId}/invitations`, ownerJwt)).json()) as { invitations: unknown[] };
    expect(list.invitations).toHaveLength(3);
  });

  it("refuses to run without its settings, naming what is missing", () => {
    expect(() => externalAuthConfig({ ...env, SECOND_AUTH_MODE: "external" })).toThrow(/SECOND_AUTH_ISSUER.*SECOND_AUTH_AUDIENCE.*SECOND_AUTH_JWKS_URL/);
  });
});
