import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import { createApp } from "../../worker/app.ts";
import { builtFiles, saveDraft } from "./support/publishing.ts";

const ISSUER = "https://id.publishing.test";
const AUDIENCE = "second-publishing";
const app = createApp();
let key: CryptoKey;
let externalEnv: typeof env;

const token = (subject: string, email: string, name: string) =>
  new SignJWT({ email, name })
    .setProtectedHeader({ alg: "RS256", kid: "p1" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key);

async function call(jwt: string, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { "cf-access-jwt-assertion": jwt, origin: "http://example.com" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await app.fetch(new Request(`http://example.com${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), externalEnv);
  return { status: response.status, body: await response.json<any>() };
}

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  key = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "p1", alg: "RS256", use: "sig" };
  externalEnv = { ...env, SECOND_AUTH_MODE: "external", SECOND_AUTH_ISSUER: ISSUER, SECOND_AUTH_AUDIENCE: AUDIENCE, SECOND_AUTH_JWKS: JSON.stringify({ keys: [jwk] }) };
});

describe("publishing in external mode", () => {
  it("an owner's direct publish records an approved review for the audit trail", async () => {
    const owner = await token("sub-pub-owner", "pub-owner@corp.test", "Pub Owner");
    const workspaceId = (await call(owner, "POST", "/api/workspaces", { name: "Pub Corp" })).body.workspace.id;
    const general = (await call(owner, "GET", `/api/workspaces/${workspaceId}/teams`)).body.teams[0].id;
    const appId = (await call(owner, "POST", `/api/workspaces/${workspaceId}/apps`, { name: "Roster" })).body.app.id;
    const draft = await saveDraft(workspaceId, appId, builtFiles("roster"));
    const published = await call(owner, "POST", `/api/workspaces/${workspaceId}/apps/${appId}/publish`, { teamIds: [general], note: "ship it" });
    expect(published.status).toBe(200);
    expect(published.body.outcome).toBe("published");
    expect(published.body.review).toMatchObject({ status: "approved", snapshotHash: draft.hash, note: "ship it", teamIds: [general] });
    const reviews = (await call(owner, "GET", `/api/workspaces/${workspaceId}/reviews?status=approved`)).body.reviews;
    expect(reviews).toHaveLength(1);
    const audit = (await call(owner, "GET", `/api/workspaces/${workspaceId}/audit?category=apps`)).body.events.map((e: { eventName: string }) => e.eventName);
    expect(audit).toEqual(expect.arrayContaining(["review.approved", "app.published"]));
  });
});
