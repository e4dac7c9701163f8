import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import { createApp } from "../../worker/app.ts";
import { externalAuthConfig } from "../../worker/auth/external-identity.ts";

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

const call = (path: string, jwt: string | null, init: RequestInit = {}) =>
  app.fetch(
    new Request(`http://example.com${path}`, { ...init, headers: { ...(jwt ? { "cf-access-jwt-assertion": jwt } : {}), ...(init.headers ?? {}) } }),
    externalEnv,
  );

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
    const newbieJwt = await token({ email: "newbie@corp.test", name: "Newbie" }, { subject: "sub-newbie" });
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
    const lateJwt = await token({ email: "late@corp2.test", name: "Late" }, { subject: "sub-late" });
    expect((await call(`/api/invitations/${invitationId}/accept`, lateJwt, { method: "POST", headers: json, body: "{}" })).status).toBe(404);
    const me = (await (await call("/api/me", lateJwt)).json()) as { workspaces: unknown[] };
    expect(me.workspaces).toEqual([]);
    const audit = (await (await call(`/api/workspaces/${workspaceId}/audit?eventName=member.invitation_revoked`, ownerJwt)).json()) as { events: unknown[] };
    expect(audit.events).toHaveLength(1);
  });

  it("refuses to run without its settings, naming what is missing", () => {
    expect(() => externalAuthConfig({ ...env, SECOND_AUTH_MODE: "external" })).toThrow(/SECOND_AUTH_ISSUER.*SECOND_AUTH_AUDIENCE.*SECOND_AUTH_JWKS_URL/);
  });
});
