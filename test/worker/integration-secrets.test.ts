import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret, SealedSecretError } from "../../worker/integrations/secret-box.ts";
import { assertStartupConfig } from "../../worker/startup-config.ts";
import { executeTool } from "../../worker/integrations/tool-executor.ts";
import type { OAuthTokenSource } from "../../worker/integrations/oauth-token-source.ts";
import type { ToolDeps } from "../../worker/integrations/tool-deps.ts";
import { ToolRefusal } from "../../worker/integrations/tool-refusal.ts";
import { AppsRepository } from "../../platform/repositories/apps.ts";
import { CollectionClient } from "../../platform/store/store-client.ts";
import { IntegrationCredentialsRepository } from "../../platform/repositories/integration-credentials.ts";
import { syncGrantsFromSetup } from "../../worker/services/integration-grants.ts";
import { integrationSetupSchema } from "../../shared/integrations/setup.ts";
import { workspaceWithPeople } from "./support/person.ts";
import { AppAgentRunsRepository } from "../../platform/repositories/app-agent-runs.ts";
import { agentToolExecute } from "../../worker/internal/tool-execute.ts";
import { agentRunCapability } from "../support/capabilities.ts";
import { verifyCapability } from "../../shared/capability/tokens.ts";
import { builtFiles, createApp, saveDraft } from "./support/publishing.ts";

/** A deployment where nobody has connected an account. */
const noOAuthAccounts: OAuthTokenSource = {
  async accessTokenFor(input) {
    throw new ToolRefusal("oauth-not-connected", `oauth account not connected: no account for ${input.domain} is connected for this person.`);
  },
};

const OTHER_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));

describe("secret box (AES-GCM through WebCrypto)", () => {
  it("seals to a value that holds no plaintext and opens only with the same key and record", async () => {
    const sealed = await sealSecret(env, "sk_live_abc123", "integration:w:a:g:apiKey");
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("sk_live");
    expect(await sealSecret(env, "sk_live_abc123", "integration:w:a:g:apiKey")).not.toBe(sealed);
    expect(await openSecret(env, sealed, "integration:w:a:g:apiKey")).toBe("sk_live_abc123");
    await expect(openSecret(env, sealed, "integration:w:OTHER_APP:g:apiKey")).rejects.toThrow(SealedSecretError);
    await expect(openSecret({ ...env, SECOND_TOKEN_ENCRYPTION_KEY: OTHER_KEY }, sealed, "integration:w:a:g:apiKey")).rejects.toThrow(/another SECOND_TOKEN_ENCRYPTION_KEY/);
    const [v, kid, iv, data] = sealed.split(".");
    const flipped = `${v}.${kid}.${iv}.${data!.slice(0, -2)}${data!.endsWith("A") ? "B" : "A"}${data!.slice(-1)}`;
    await expect(openSecret(env, flipped, "integration:w:a:g:apiKey")).rejects.toThrow(SealedSecretError);
  });

  it("refuses to work without a key, with a clear reason", async () => {
    await expect(sealSecret({ ...env, SECOND_TOKEN_ENCRYPTION_KEY: undefined }, "x")).rejects.toThrow(/SECOND_TOKEN_ENCRYPTION_KEY is not configured/);
  });
});

describe("startup: production needs a key and refuses the development tool origin", () => {
  const base = { ...env, SECOND_ENV: "production", SECOND_TOKEN_ENCRYPTION_KEY: OTHER_KEY, SECOND_DEV_TOOL_ORIGIN: undefined };
  it.each([
    ["no key in production", { SECOND_TOKEN_ENCRYPTION_KEY: undefined }, /SECOND_TOKEN_ENCRYPTION_KEY is not set/],
    ["a key that is not 32 bytes", { SECOND_TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" }, /32 random bytes/],
    ["the dev tool origin in production", { SECOND_DEV_TOOL_ORIGIN: "http://127.0.0.1:8799" }, /development only/],
    ["the dev tool origin naming another host", { SECOND_ENV: "development", SECOND_DEV_TOOL_ORIGIN: "http://10.0.0.1:80" }, /exactly http:\/\/127\.0\.0\.1:PORT/],
  ])("refuses %s", (_name, overrides, message) => {
    expect(() => assertStartupConfig({ ...base, ...overrides })).toThrow(message);
  });

  it("starts with a key in production, and with the dev origin in development", () => {
    expect(() => assertStartupConfig(base)).not.toThrow();
    expect(() =>
      assertStartupConfig({ ...base, SECOND_ENV: "development", SECOND_TOKEN_ENCRYPTION_KEY: undefined, SECOND_DEV_TOOL_ORIGIN: "http://127.0.0.1:8799" }),
    ).not.toThrow();
  });
});

describe("tool executor: what reaches the upstream and what comes back", () => {
  const setup = integrationSetupSchema.parse({
    integrations: [
      { domain: "crm.example.com", authMode: "bearer", displayName: "Bearer CRM", secrets: [{ name: "token", label: "Token" }] },
      { domain: "calendar.example.com", authMode: "oauth", displayName: "Calendar" },
    ],
  });
  const eventsTool = { name: "events", type: "custom", integration: { domain: "calendar.example.com" }, endpoint: { method: "GET", url: "https://calendar.example.com/events" } };
  const agentsJson = {
    agents: [{ id: "planner", name: "Planner", systemPrompt: "Plan.", tools: [eventsTool] }],
    appTools: [
      {
        name: "echo",
        type: "custom",
        integration: { domain: "crm.example.com" },
        endpoint: { method: "POST", url: "https://api.crm.example.com/echo", body: { note: "{{input.note}}" } },
      },
      eventsTool,
    ],
  };

  async function appWithGrants() {
    const people = await workspaceWithPeople("intexec");
    const appId = await createApp(people.member, people.workspaceId, "Echo");
    await saveDraft(people.workspaceId, appId, builtFiles("echo", { "agents.json": JSON.stringify(agentsJson) }));
    const base = `/api/workspaces/${people.workspaceId}/apps/${appId}`;
    const hash = (await people.member.get(`${base}/agents`)).body.draft.hash;
    expect((await people.admin.post(`${base}/agents/approve`, { hash })).status).toBe(200);
    await syncGrantsFromSetup(env, { workspaceId: people.workspaceId, appId, userId: people.member.id }, setup);
    const grants = (await people.member.get(`${base}/integrations`)).body.integrations as { id: string; domain: string; status: string }[];
    const bearer = grants.find((g) => g.domain === "crm.example.com")!;
    // An OAuth grant needs setup until the workspace has a provider for its domain (decision 0024).
    const statusOf = async (domain: string) =>
      ((await people.member.get(`${base}/integrations`)).body.integrations as { domain: string; status: string }[]).find((g) => g.domain === domain)?.status;
    expect(await statusOf("calendar.example.com")).toBe("needs_setup");
    const provider = {
      displayName: "Calendar",
      authorizeUrl: "https://auth.calendar.example.com/authorize",
      tokenUrl: "https://auth.calendar.example.com/token",
      clientId: "client-1",
      clientSecret: "client-secret-1",
      scopes: ["events"],
      domain: "calendar.example.com",
    };
    expect((await people.admin.request("PUT", `/api/workspaces/${people.workspaceId}/oauth-providers/calendar`, provider)).status).toBe(201);
    expect(await statusOf("calendar.example.com")).toBe("configured");
    expect((await people.admin.request("PUT", `${base}/integrations/${bearer.id}/credential`, { secrets: { token: "tok_SECRET_value" } })).status).toBe(200);
    const app = (await new AppsRepository(env).byId(people.workspaceId, appId))!;
    return { ...people, app, bearer };
  }

  it("sends the bearer secret as Authorization, JSON-encodes the body, and redacts a secret the upstream echoes", async () => {
    const { app, member } = await appWithGrants();
    const seen: { url: string; headers: Headers; body: string }[] = [];
    const deps: ToolDeps = {
      fetcher: (async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
        return Response.json({ youSent: new Headers(init?.headers).get("authorization"), body: String(init?.body) });
      }) as typeof fetch,
      resolver: { resolve: async () => ["93.184.216.34"] },
      oauth: noOAuthAccounts,
      timeoutMs: 2000,
      maxBytes: 10_000,
      maxRedirects: 3,
    };
    const caller = { kind: "app" as const, userId: member.id, displayName: member.displayName };
    const output = await executeTool(env, { app, version: "draft", agentId: null, toolName: "echo", input: { note: 'say "hi"\n}' }, caller }, deps);
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer tok_SECRET_value");
    expect(JSON.parse(seen[0]!.body)).toEqual({ note: 'say "hi"\n}' });
    expect(output.status).toBe(200);
    expect(JSON.stringify(output)).not.toContain("tok_SECRET_value");
    expect(output.body).toMatchObject({ youSent: "Bearer [redacted]" });

    // OAuth tools ask the token source for the caller's account; without one the call is refused.
    const refused = await executeTool(env, { app, version: "draft", agentId: null, toolName: "events", input: {}, caller }, deps).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ToolRefusal);
    expect((refused as ToolRefusal).message).toMatch(/oauth-not-connected.*oauth account not connected/);
    expect(seen).toHaveLength(1);
  });

  it("OAuth tools use the account of the run's triggering user (from the run record) or of the viewer, and never show the token", async () => {
    const { app, member, owner, workspaceId } = await appWithGrants();
    const asked: string[] = [];
    const deps: ToolDeps = {
      fetcher: (async (_input: RequestInfo | URL, init?: RequestInit) => Response.json({ echoed: new Headers(init?.headers).get("authorization") })) as typeof fetch,
      resolver: { resolve: async () => ["93.184.216.34"] },
      oauth: {
        async accessTokenFor(input) {
          asked.push(`${input.workspaceId}/${input.userId}/${input.domain}/${input.keySlug}`);
          return `oauth_token_of_${input.userId}`;
        },
      },
      timeoutMs: 2000,
      maxBytes: 10_000,
      maxRedirects: 3,
    };
    // The run was triggered by the owner; the capability says nothing about people.
    const run = await new AppAgentRunsRepository(env).create({
      workspaceId,
      appId: app._id,
      agentId: "planner",
      version: "draft",
      triggeredBy: { type: "user", userId: owner.id },
      approvedHash: "h",
      input: null,
    });
    const capability = await verifyCapability(
      env.SECOND_CAPABILITY_KEY!,
      await agentRunCapability(env.SECOND_CAPABILITY_KEY!, { workspaceId, appId: app._id, agentId: "planner", collections: [] }, 300, { runId: run._id }),
      ["agent-run"],
    );
    const body = { workspaceId, appId: app._id, version: "draft" as const, agentId: "planner", runId: run._id, toolName: "events", input: {} };
    const agentOutput = await agentToolExecute(env, capability, body, deps);
    expect(asked).toEqual([`${workspaceId}/${owner.id}/calendar.example.com/default`]);
    expect(agentOutput.body).toEqual({ echoed: "Bearer [redacted]" });

    const viewerOutput = await executeTool(
      env,
      { app, version: "draft", agentId: null, toolName: "events", input: {}, caller: { kind: "app", userId: member.id, displayName: member.displayName } },
      deps,
    );
    expect(asked.at(-1)).toBe(`${workspaceId}/${member.id}/calendar.example.com/default`);
    expect(JSON.stringify(viewerOutput)).not.toContain("oauth_token_of");
  });

  it("a sealed value copied onto another grant's credential does not open there", async () => {
    const { app, member, bearer, workspaceId } = await appWithGrants();
    const credentials = new IntegrationCredentialsRepository(env);
    const original = (await credentials.forGrant(workspaceId, app._id, "crm.example.com", bearer.id))!;
    // A second app's grant for the same domain gets the first one's ciphertext (a database-level swap).
    const otherAppId = await createApp(member, workspaceId, "Thief");
    const swap = credentials.setSecretsOp({ workspaceId, appId: otherAppId, domain: "crm.example.com", grantId: bearer.id }, original.secrets, member.id);
    await new CollectionClient(env, "integration_credentials").apply(swap);
    await expect(openSecret(env, original.secrets.token!, `integration:${workspaceId}:${otherAppId}:${bearer.id}:token`)).rejects.toThrow(SealedSecretError);
  });
});
