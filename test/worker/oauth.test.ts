import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createApp } from "../../worker/app.ts";
import { Person, uniqueEmail } from "./support/person.ts";
import { oauthTokenSource, OAuthTokenError } from "../../worker/oauth/token-source.ts";
import { openSecret, sealSecret } from "../../worker/integrations/secret-box.ts";
import { CollectionClient } from "../../platform/store/store-client.ts";
import type { ConnectedAccountDoc } from "../../platform/repositories/connected-accounts.ts";
import type { OAuthProviderDoc } from "../../platform/repositories/oauth-providers.ts";

const provider = inject("oauthProviderUrl");
const configured = { ...env, SECOND_DEV_TOOL_ORIGIN: provider, SECOND_TOKEN_ENCRYPTION_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(7))) };
const app = createApp();
const tokens = oauthTokenSource(configured);
/** The API the provider's tokens are for; the stand-in serves it from the development origin. */
const DOMAIN = "crm.example.com";

/** A browser: the platform's session cookie plus the OAuth binding cookie, which Person alone would not keep apart. */
async function browser(name: string): Promise<Person & { binding: string | null }> {
  const person = Object.assign(new Person(name, uniqueEmail(name.toLowerCase())), { binding: null as string | null });
  person.fetcher = async (request) => {
    if (person.binding) request.headers.set("cookie", [request.headers.get("cookie"), person.binding].filter(Boolean).join("; "));
    const response = await app.fetch(request, configured, createExecutionContext());
    const headers = new Headers();
    for (const [key, value] of response.headers) if (key !== "set-cookie") headers.append(key, value);
    for (const cookie of response.headers.getSetCookie()) {
      if (cookie.startsWith("second_oauth_binding=")) person.binding = cookie.split(";")[0]!;
      else headers.append("set-cookie", cookie);
    }
    return new Response(response.body, { status: response.status, headers });
  };
  return person.signIn();
}

async function registerClient(clientId: string, expiresIn = 3600) {
  const clientSecret = `secret-${clientId}`;
  await fetch(`${provider}/__control/clients`, { method: "POST", body: JSON.stringify({ clientId, clientSecret, expiresIn }) });
  return { clientId, clientSecret };
}

const providerBody = (client: { clientId: string; clientSecret: string }) => ({
  displayName: "Stand-in CRM",
  authorizeUrl: `${provider}/oauth/authorize`,
  tokenUrl: `${provider}/oauth/token`,
  clientId: client.clientId,
  clientSecret: client.clientSecret,
  scopes: ["contacts.read", "contacts.write"],
  domain: DOMAIN,
});

/** start → the provider's authorize page (approving as `account`) → the callback URL it sends back. */
async function authorize(person: Person, workspaceId: string, key: string, account: string, tamper?: (url: URL) => void) {
  const start = await person.get(`/api/oauth/${key}/start?workspace=${workspaceId}&returnTo=${encodeURIComponent(`/w/${workspaceId}/connections`)}`);
  expect(start.status).toBe(302);
  const authorizeUrl = new URL(start.headers.get("location")!);
  authorizeUrl.searchParams.set("login_hint", account);
  tamper?.(authorizeUrl);
  const approved = await fetch(authorizeUrl, { redirect: "manual" });
  expect(approved.status).toBe(302);
  const callback = new URL(approved.headers.get("location")!);
  return { authorizeUrl, callback: callback.pathname + callback.search };
}

async function connect(person: Person, workspaceId: string, key: string, account: string) {
  const { callback } = await authorize(person, workspaceId, key, account);
  const finished = await person.get(callback);
  expect(finished.status).toBe(303);
  expect(finished.headers.get("location")).toBe(`/w/${workspaceId}/connections?oauth=connected&provider=${key}`);
}

const whoami = async (accessToken: string) =>
  (await fetch(`${provider}/oauth/api/whoami`, { headers: { authorization: `Bearer ${accessToken}` } })).json() as Promise<{ account?: string }>;
const connectionsOf = async (person: Person, workspaceId: string) => (await person.get(`/api/me/connections?workspace=${workspaceId}`)).body;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof OAuthTokenError ? error.problem : String(error)),
  );

describe("OAuth provider configs", () => {
  let owner: Awaited<ReturnType<typeof browser>>;
  let member: Awaited<ReturnType<typeof browser>>;
  let workspaceId: string;
  beforeAll(async () => {
    owner = await browser("Olga");
    member = await browser("Mel");
    workspaceId = (await owner.post("/api/workspaces", { name: "Providers Inc" })).body.workspace.id;
    await owner.post(`/api/workspaces/${workspaceId}/members`, { email: member.email, displayName: member.displayName, role: "member" });
  });

  it("stores the client secret sealed and never answers it", async () => {
    const client = await registerClient("cfg-client");
    const created = await owner.request("PUT", `/api/workspaces/${workspaceId}/oauth-providers/crm`, providerBody(client));
    expect(created.status).toBe(201);
    expect(created.body.provider).toMatchObject({
      provider: "crm",
      hasClientSecret: true,
      domain: DOMAIN,
      redirectUri: "http://example.com/api/oauth/callback",
      connectedAccounts: 0,
    });
    const listed = await owner.get(`/api/workspaces/${workspaceId}/oauth-providers`);
    expect(listed.body.providers).toHaveLength(1);
    expect(JSON.stringify([created.body, listed.body])).not.toContain(client.clientSecret);
    const stored = await new CollectionClient<OAuthProviderDoc>(env, "oauth_provider_configs").findOne({ workspaceId, providerKey: "crm" });
    expect(stored!.clientSecretSealed).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(client.clientSecret);
    expect(await openSecret(configured, stored!.clientSecretSealed)).toBe(client.clientSecret);

    // Updating without a secret keeps it.
    const { clientSecret: _, ...withoutSecret } = providerBody(client);
    const updated = await owner.request("PUT", `/api/workspaces/${workspaceId}/oauth-providers/crm`, { ...withoutSecret, displayName: "CRM" });
    expect(updated.status).toBe(200);
    const after = await new CollectionClient<OAuthProviderDoc>(env, "oauth_provider_configs").findOne({ workspaceId, providerKey: "crm" });
    expect(await openSecret(configured, after!.clientSecretSealed)).toBe(client.clientSecret);
  });

  it("refuses insecure or internal URLs and domains, a new provider without a secret, and members", async () => {
    const client = { clientId: "x", clientSecret: "y" };
    const put = (key: string, body: unknown, who: Person = owner) => who.request("PUT", `/api/workspaces/${workspaceId}/oauth-providers/${key}`, body);
    const bad: [string, Record<string, unknown>][] = [
      ["tokenUrl", { tokenUrl: "http://auth.example.com/token" }],
      ["tokenUrl", { tokenUrl: "https://169.254.169.254/latest" }],
      ["tokenUrl", { tokenUrl: "https://2130706433/token" }],
      ["tokenUrl", { tokenUrl: "https://[::1]/token" }],
      ["tokenUrl", { tokenUrl: "https://localhost/token" }],
      ["tokenUrl", { tokenUrl: "https://metadata.google.internal/token" }],
      ["tokenUrl", { tokenUrl: "https://user:pw@auth.example.com/token" }],
      ["tokenUrl", { tokenUrl: "https://auth.example.com:8443/token" }],
      ["tokenUrl", { tokenUrl: "http://127.0.0.1:1/token" }],
      ["authorizeUrl", { authorizeUrl: "javascript:alert(1)" }],
      ["domain", { domain: "10.0.0.1" }],
      ["domain", { domain: "api.internal" }],
      ["domain", { domain: "127.0.0.1:8080" }],
      ["domain", { domain: "https://api.example.com/x" }],
    ];
    for (const [field, change] of bad) {
      const reply = await put("bad", { ...providerBody(client), ...change });
      expect(reply.status, JSON.stringify(change)).toBe(400);
      expect(reply.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const { clientSecret: _, ...withoutSecret } = providerBody(client);
    expect((await put("fresh", withoutSecret)).status).toBe(400);
    expect((await put("Bad Key", providerBody(client))).status).toBe(404);
    expect((await put("crm2", providerBody(client), member)).status).toBe(403);
    expect((await member.get(`/api/workspaces/${workspaceId}/oauth-providers`)).status).toBe(403);
    const stranger = await browser("Stan");
    expect((await stranger.get(`/api/workspaces/${workspaceId}/oauth-providers`)).status).toBe(404);
    expect((await owner.get(`/api/workspaces/${workspaceId}/oauth-providers`)).body.providers.map((p: { provider: string }) => p.provider)).toEqual(["crm"]);
  });
});

describe("connected accounts", () => {
  /** Every line the Worker logs during these tests: none may carry a token, a code or the client secret. */
  const logged: string[] = [];
  let alice: Awaited<ReturnType<typeof browser>>;
  let bob: Awaited<ReturnType<typeof browser>>;
  let workspaceId: string;
  const key = "crm";
  beforeAll(async () => {
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      const original = console[level].bind(console);
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
        original(...args);
      });
    }
    alice = await browser("Alice");
    bob = await browser("Bob");
    workspaceId = (await alice.post("/api/workspaces", { name: "Connections Inc" })).body.workspace.id;
    await alice.post(`/api/workspaces/${workspaceId}/members`, { email: bob.email, displayName: bob.displayName, role: "member" });
    // A token that is always within a minute of expiring: every use refreshes it.
    const client = await registerClient(`conn-${workspaceId}`, 30);
    expect((await alice.request("PUT", `/api/workspaces/${workspaceId}/oauth-providers/${key}`, providerBody(client))).status).toBe(201);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    // The stand-in's tokens and codes look like at_…, rt_…, code_…; the client secret is secret-conn-….
    expect(logged.filter((line) => /\b(at|rt|code)_[A-Za-z0-9_-]{20,}|secret-conn-/.test(line))).toEqual([]);
    // The refused exchange and refresh above were logged, so the scan saw real lines.
    expect(logged.some((line) => line.includes("oauth code exchange failed"))).toBe(true);
  });
  const input = () => ({ workspaceId, domain: DOMAIN, keySlug: key });

  it("connects with PKCE, calls with the person's own token, refreshes it, and disconnects", async () => {
    const { authorizeUrl, callback } = await authorize(alice, workspaceId, key, "alice@crm");
    expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizeUrl.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorizeUrl.searchParams.get("scope")).toBe("contacts.read contacts.write");
    const finished = await alice.get(callback);
    expect(finished.headers.get("location")).toBe(`/w/${workspaceId}/connections?oauth=connected&provider=${key}`);

    const listed = await connectionsOf(alice, workspaceId);
    expect(listed.connections).toHaveLength(1);
    expect(listed.connections[0]).toMatchObject({ provider: key, domain: DOMAIN, status: "connected", scopes: ["contacts.read", "contacts.write"] });
    expect(listed.available).toEqual([]);

    const first = await tokens.accessTokenFor({ ...input(), userId: alice.id });
    expect(await whoami(first)).toMatchObject({ account: "alice@crm" });
    const second = await tokens.accessTokenFor({ ...input(), userId: alice.id });
    expect(second).not.toBe(first); // refreshed: it was within the expiry margin
    expect(await whoami(second)).toMatchObject({ account: "alice@crm" });
    const log = (await (await fetch(`${provider}/__control/token-log?client=conn-${workspaceId}`)).json()) as { grantType: string; ok: boolean }[];
    expect(log.filter((e) => e.grantType === "refresh_token" && e.ok).length).toBeGreaterThanOrEqual(2);

    const stored = await new CollectionClient<ConnectedAccountDoc>(env, "connected_accounts").findOne({ workspaceId, userId: alice.id });
    expect(JSON.stringify(stored)).not.toContain(second);
    expect(JSON.stringify(await connectionsOf(alice, workspaceId))).not.toContain(second);

    expect((await bob.delete(`/api/me/connections/${listed.connections[0].id}`)).status).toBe(404);
    expect((await alice.delete(`/api/me/connections/${listed.connections[0].id}`)).status).toBe(200);
    expect(await refusal(tokens.accessTokenFor({ ...input(), userId: alice.id }))).toBe("not_connected");
    expect((await connectionsOf(alice, workspaceId)).available.map((p: { provider: string }) => p.provider)).toEqual([key]);
  });

  it("never gives one person another person's token", async () => {
    await connect(alice, workspaceId, key, "alice@crm");
    expect(await refusal(tokens.accessTokenFor({ ...input(), userId: bob.id }))).toBe("not_connected");
    await connect(bob, workspaceId, key, "bob@crm");
    expect(await whoami(await tokens.accessTokenFor({ ...input(), userId: bob.id }))).toMatchObject({ account: "bob@crm" });
    expect(await whoami(await tokens.accessTokenFor({ ...input(), userId: alice.id }))).toMatchObject({ account: "alice@crm" });
    expect((await connectionsOf(bob, workspaceId)).connections).toHaveLength(1);
    // Another workspace's provider for the same domain is not this one.
    expect(await refusal(tokens.accessTokenFor({ workspaceId: "wsp_other", userId: alice.id, domain: DOMAIN, keySlug: key }))).toBe("provider_not_configured");
  });

  it("refuses a tampered state, a replayed state, another person's state and another browser's", async () => {
    const { callback } = await authorize(bob, workspaceId, key, "bob@crm");
    const url = new URL(callback, "http://x");
    const tampered = new URL(url);
    tampered.searchParams.set("state", `${url.searchParams.get("state")}x`);
    expect((await bob.get(tampered.pathname + tampered.search)).headers.get("location")).toBe("/?oauthError=state_invalid");

    // Alice replays Bob's callback (code and state): not her state.
    expect((await alice.get(callback)).headers.get("location")).toBe("/?oauthError=state_invalid");
    // Bob's own session, but another browser (no binding cookie): refused, and the state is spent.
    const otherBrowser = Object.assign(new Person(bob.displayName, bob.email), { cookie: bob.cookie, fetcher: (r: Request) => app.fetch(r, configured, createExecutionContext()) });
    expect((await otherBrowser.get(callback)).headers.get("location")).toBe(`/w/${workspaceId}/connections?oauthError=state_invalid`);
    expect((await bob.get(callback)).headers.get("location")).toBe("/?oauthError=state_invalid");

    // A finished flow cannot be replayed either.
    const fresh = await authorize(bob, workspaceId, key, "bob@crm");
    expect((await bob.get(fresh.callback)).headers.get("location")).toContain("oauth=connected");
    expect((await bob.get(fresh.callback)).headers.get("location")).toBe("/?oauthError=state_invalid");
  });

  it("fails the exchange when the verifier does not match the challenge, and when the person denies", async () => {
    const carol = await browser("Carol");
    await alice.post(`/api/workspaces/${workspaceId}/members`, { email: carol.email, displayName: carol.displayName, role: "member" });
    // Someone swaps the challenge on the way to the provider: the platform's verifier no longer matches.
    const { callback } = await authorize(carol, workspaceId, key, "carol@crm", (u) => u.searchParams.set("code_challenge", "A".repeat(43)));
    expect((await carol.get(callback)).headers.get("location")).toBe(`/w/${workspaceId}/connections?oauthError=exchange_failed`);
    const denied = await authorize(carol, workspaceId, key, "carol@crm", (u) => u.searchParams.set("deny", "1"));
    expect((await carol.get(denied.callback)).headers.get("location")).toBe(`/w/${workspaceId}/connections?oauthError=access_denied`);
    expect((await connectionsOf(carol, workspaceId)).connections).toEqual([]);
    expect(await refusal(tokens.accessTokenFor({ ...input(), userId: carol.id }))).toBe("not_connected");
  });

  it("asks to reconnect when the provider refuses the refresh token", async () => {
    const dave = await browser("Dave");
    await alice.post(`/api/workspaces/${workspaceId}/members`, { email: dave.email, displayName: dave.displayName, role: "member" });
    await connect(dave, workspaceId, key, "dave@crm");
    const accounts = new CollectionClient<ConnectedAccountDoc>(env, "connected_accounts");
    await accounts.updateOne({ workspaceId, userId: dave.id }, { $set: { refreshTokenSealed: await sealSecret(configured, "rt_revoked") } });
    expect(await refusal(tokens.accessTokenFor({ ...input(), userId: dave.id }))).toBe("reconnect_required");
    expect((await connectionsOf(dave, workspaceId)).connections[0].status).toBe("reconnect");
    await connect(dave, workspaceId, key, "dave@crm");
    expect(await whoami(await tokens.accessTokenFor({ ...input(), userId: dave.id }))).toMatchObject({ account: "dave@crm" });
  });

  it("keeps the way back on this platform, and refuses strangers and unknown providers", async () => {
    const start = await alice.get(`/api/oauth/${key}/start?workspace=${workspaceId}&returnTo=${encodeURIComponent("//evil.example/x")}`);
    const authorizeUrl = new URL(start.headers.get("location")!);
    authorizeUrl.searchParams.set("login_hint", "alice@crm");
    const back = new URL((await fetch(authorizeUrl, { redirect: "manual" })).headers.get("location")!);
    expect((await alice.get(back.pathname + back.search)).headers.get("location")).toBe(`/w/${workspaceId}/connections?oauth=connected&provider=${key}`);
    const stranger = await browser("Sid");
    expect((await stranger.get(`/api/oauth/${key}/start?workspace=${workspaceId}`)).status).toBe(404);
    expect((await stranger.get(`/api/me/connections?workspace=${workspaceId}`)).status).toBe(404);
    expect((await alice.get(`/api/oauth/nope/start?workspace=${workspaceId}`)).status).toBe(404);
    expect((await alice.get(`/api/oauth/${key}/start`)).status).toBe(400);
    expect((await new Person("Anon", "anon@example.com").get(`/api/oauth/${key}/start?workspace=${workspaceId}`)).status).toBe(401);
  });

  it("removing a person from the workspace removes their connections there", async () => {
    const erin = await browser("Erin");
    await alice.post(`/api/workspaces/${workspaceId}/members`, { email: erin.email, displayName: erin.displayName, role: "member" });
    await connect(erin, workspaceId, key, "erin@crm");
    expect(await whoami(await tokens.accessTokenFor({ ...input(), userId: erin.id }))).toMatchObject({ account: "erin@crm" });
    expect((await alice.delete(`/api/workspaces/${workspaceId}/members/${erin.id}`)).status).toBe(200);
    expect(await new CollectionClient<ConnectedAccountDoc>(env, "connected_accounts").countDocuments({ workspaceId, userId: erin.id })).toBe(0);
    expect(await refusal(tokens.accessTokenFor({ ...input(), userId: erin.id }))).toBe("not_connected");
  });

  it("removing a provider removes every connection to it", async () => {
    await connect(bob, workspaceId, key, "bob@crm");
    expect((await bob.request("DELETE", `/api/workspaces/${workspaceId}/oauth-providers/${key}`)).status).toBe(403);
    expect((await alice.request("DELETE", `/api/workspaces/${workspaceId}/oauth-providers/${key}`)).status).toBe(200);
    expect(await new CollectionClient<ConnectedAccountDoc>(env, "connected_accounts").countDocuments({ workspaceId })).toBe(0);
    expect(await refusal(tokens.accessTokenFor({ ...input(), userId: bob.id }))).toBe("provider_not_configured");
  });
});
