import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createApp } from "../../worker/app.ts";
import { AppAgentRunsRepository } from "../../platform/repositories/app-agent-runs.ts";
import { applyPresentedSetup, syncGrantsFromSetup } from "../../worker/services/integration-grants.ts";
import { integrationSetupSchema } from "../../shared/integrations/setup.ts";
import { agentRunCapability } from "../support/capabilities.ts";
import { workspaceWithPeople, type Person } from "./support/person.ts";
import { builtFiles, createApp as createAppAs, saveDraft } from "./support/publishing.ts";

/**
 * The whole integration flow against the stand-in CRM (scripts/dev-crm.mjs, reached through
 * SECOND_DEV_TOOL_ORIGIN): the builder's setup becomes grants that block approval, an admin sets
 * the API key, an approved agent's custom tool and an app tool call the CRM with it. Every answer,
 * every log line and the audit trail are scanned for the key.
 */
const CRM = inject("crmUrl");
const SECRET = inject("crmApiKey");
const worker = createApp();
const flowEnv = { ...env, SECOND_DEV_TOOL_ORIGIN: CRM, LOG_LEVEL: "debug" };
const bodies: string[] = [];
const logLines: string[] = [];

const send = async (request: Request) => {
  const response = await worker.fetch(request, flowEnv, createExecutionContext());
  const text = await response.clone().text();
  bodies.push(text);
  return response;
};
const through = (person: Person) => {
  person.fetcher = send;
  return person;
};

const setupFile = integrationSetupSchema.parse({
  integrations: [
    {
      domain: "crm.example.com",
      authMode: "api_key",
      displayName: "Stand-in CRM",
      permissionGroups: ["Read contacts", "Create contacts"],
      setupSteps: ["Open the CRM's settings", "Create an API key", "Paste it here"],
      secrets: [{ name: "apiKey", label: "API key" }],
    },
  ],
});

const lookupTool = {
  name: "crm_lookup",
  type: "custom",
  integration: { domain: "crm.example.com" },
  endpoint: { method: "GET", url: `${CRM}/contacts?email={{input.email}}`, headers: { "x-api-key": "{{secrets.apiKey}}" } },
  inputSchema: { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
};
const createTool = {
  name: "crm_create",
  type: "custom",
  integration: { domain: "crm.example.com" },
  endpoint: { method: "POST", url: `${CRM}/contacts`, headers: { authorization: "Bearer {{secrets.apiKey}}" }, body: { name: "{{input.name}}", email: "{{input.email}}" } },
};
const agentsJson = {
  agents: [{ id: "crm-enricher", name: "CRM enricher", systemPrompt: "Look contacts up.", tools: [lookupTool] }],
  appTools: [createTool],
};

async function crmRequests(): Promise<{ path: string; headers: Record<string, string> }[]> {
  return ((await (await fetch(`${CRM}/__inspect`)).json()) as { requests: { path: string; headers: Record<string, string> }[] }).requests;
}

async function approvedApp(people: Awaited<ReturnType<typeof workspaceWithPeople>>, name: string) {
  const appId = await createAppAs(people.member, people.workspaceId, name);
  await saveDraft(people.workspaceId, appId, builtFiles(name, { "agents.json": JSON.stringify(agentsJson) }));
  const base = `/api/workspaces/${people.workspaceId}/apps/${appId}`;
  const draft = (await people.member.get(`${base}/agents`)).body.draft;
  // The Agents tab shows the app tools the approval covers, not only the agents.
  expect(draft.appTools.map((t: { name: string }) => t.name)).toEqual(["crm_create"]);
  const hash = draft.hash;
  expect((await people.admin.post(`${base}/agents/approve`, { hash })).status).toBe(200);
  return { appId, base };
}

const quietLevel = env.LOG_LEVEL;
beforeAll(() => {
  // Every line the Worker logs during the flow, the access log included, is captured and scanned.
  Object.assign(env, { LOG_LEVEL: "debug" });
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logLines.push(args.map(String).join(" "));
    });
  }
});
afterAll(() => {
  Object.assign(env, { LOG_LEVEL: quietLevel });
  vi.restoreAllMocks();
});

describe("integrations: setup card → admin credential → agent tool → app tool", () => {
  it("runs the whole flow, and the API key never shows up in an answer, a log line or the audit", async () => {
    const people = await workspaceWithPeople("intflow");
    const { owner, member, admin, workspaceId } = people;
    for (const person of [owner, member, admin]) through(person);
    const { appId, base } = await approvedApp(people, "Contacts");

    // The builder presented integration-setup.json: the run object applies the tool's output. A
    // malformed or hostile output changes nothing.
    const target = { workspaceId, appId, userId: member.id };
    const hostile = { setup: { integrations: [{ ...setupFile.integrations[0], domain: "169.254.169.254" }] }, message: "x" };
    expect(await applyPresentedSetup(env, target, hostile)).toBe(false);
    expect(await applyPresentedSetup(env, target, "integration-setup.json written")).toBe(false);
    expect((await member.get(`${base}/integrations`)).body.integrations).toEqual([]);
    expect(await applyPresentedSetup(env, target, { setup: setupFile, message: "written" })).toBe(true);
    const listed = await member.get(`${base}/integrations`);
    expect(listed.status).toBe(200);
    expect(listed.body.integrations).toHaveLength(1);
    const grant = listed.body.integrations[0];
    expect(grant).toMatchObject({
      appId,
      domain: "crm.example.com",
      keySlug: "default",
      authMode: "api_key",
      status: "needs_setup",
      secrets: [{ name: "apiKey", label: "API key", set: false }],
      requestedBy: { userId: member.id },
    });

    // Not configured: review approval and direct publishing are refused, naming the integration.
    const general = (await owner.get(`/api/workspaces/${workspaceId}/teams`)).body.teams[0].id;
    const requested = await member.post(`${base}/publish`, { teamIds: [general] });
    expect(requested.status).toBe(201);
    const reviewId = requested.body.review.id;
    const blocked = await admin.post(`/api/workspaces/${workspaceId}/reviews/${reviewId}/approve`, {});
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/"Stand-in CRM" \(crm\.example\.com\) still needs setup/);
    expect((await admin.post(`${base}/publish`, { teamIds: [general] })).status).toBe(409);

    // A tool call before the credential is refused with its rule, and nothing reaches the CRM.
    const before = (await crmRequests()).length;
    const early = await member.post(`${base}/tools/crm_create`, { input: { name: "Linus", email: "linus@example.com" }, version: "draft" });
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe("tool_refused");
    expect(early.body.error.message).toMatch(/grant-not-configured/);
    expect((await crmRequests()).length).toBe(before);

    // Only owners and admins set credentials; unknown secret names are refused.
    const credential = `${base}/integrations/${grant.id}/credential`;
    expect((await member.request("PUT", credential, { secrets: { apiKey: SECRET } })).status).toBe(403);
    const unknown = await admin.request("PUT", credential, { secrets: { token: "x" } });
    expect(unknown.status).toBe(400);
    const set = await admin.request("PUT", credential, { secrets: { apiKey: SECRET } });
    expect(set.status).toBe(200);
    expect(set.body.integration).toMatchObject({ status: "configured", secrets: [{ name: "apiKey", set: true }] });

    // The approved agent's custom tool, through the internal endpoint with its run's capability.
    const run = await new AppAgentRunsRepository(env).create({
      workspaceId,
      appId,
      agentId: "crm-enricher",
      version: "draft",
      triggeredBy: { type: "user", userId: member.id },
      approvedHash: "h",
      input: null,
    });
    const capability = await agentRunCapability(env.SECOND_CAPABILITY_KEY!, { workspaceId, appId, agentId: "crm-enricher", collections: [] }, 300, { runId: run._id });
    const execute = (body: object) =>
      send(
        new Request("http://example.com/api/internal/tool-execute", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${capability}` },
          body: JSON.stringify({ workspaceId, appId, version: "draft", agentId: "crm-enricher", runId: run._id, ...body }),
        }),
      );
    const looked = await execute({ toolName: "crm_lookup", input: { email: "ada@example.com" } });
    expect(looked.status).toBe(200);
    expect(((await looked.json()) as { output: { status: number; body: { contacts: { name: string }[] } } }).output).toMatchObject({
      status: 200,
      body: { contacts: [{ name: "Ada Lovelace" }] },
    });
    // A tool of another agent, or an app tool, is not this agent's to call.
    const notMine = await execute({ toolName: "crm_create", input: {} });
    expect(notMine.status).toBe(403);
    expect(((await notMine.json()) as { error: { message: string } }).error.message).toMatch(/tool-not-approved/);

    // The app tool, called by app code as the current viewer (only the name and the input).
    const created = await member.post(`${base}/tools/crm_create`, { input: { name: "Linus", email: "linus@example.com" }, version: "draft" });
    expect(created.status).toBe(200);
    expect(created.body.output).toMatchObject({ status: 201, body: { contact: { name: "Linus", email: "linus@example.com" } } });
    const missingInput = await member.post(`${base}/tools/crm_create`, { input: { name: "No email" }, version: "draft" });
    expect(missingInput.status).toBe(400);

    // The CRM received the key (so the credential was really used) in the headers the templates named.
    const received = (await crmRequests()).slice(before);
    expect(received.map((r) => r.path)).toEqual(["/contacts?email=ada%40example.com", "/contacts"]);
    expect(received[0]?.headers["x-api-key"]).toBe(SECRET);
    expect(received[1]?.headers.authorization).toBe(`Bearer ${SECRET}`);

    // Configured now: the pending review is approved and published.
    const approved = await admin.post(`/api/workspaces/${workspaceId}/reviews/${reviewId}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    // Every outcome is audited, with the rule for refusals and never a value.
    const audit = await owner.get(`/api/workspaces/${workspaceId}/audit?category=integrations&limit=200`);
    const names = audit.body.events.map((e: { eventName: string }) => e.eventName);
    expect(names).toEqual(expect.arrayContaining(["integration.setup_presented", "integration.secret_set", "integration.tool_called", "integration.tool_refused"]));
    const refusedEvent = audit.body.events.find(
      (e: { eventName: string; metadata: { rule?: string } }) => e.eventName === "integration.tool_refused" && e.metadata.rule === "grant-not-configured",
    );
    expect(refusedEvent).toBeTruthy();
    const workspaceList = await admin.get(`/api/workspaces/${workspaceId}/integrations`);
    expect(workspaceList.body.integrations.map((g: { id: string; status: string }) => [g.id, g.status])).toEqual([[grant.id, "configured"]]);
    expect((await member.get(`/api/workspaces/${workspaceId}/integrations`)).status).toBe(403);

    const scanned = [...bodies, ...logLines];
    expect(bodies.length).toBeGreaterThan(15);
    expect(logLines.length).toBeGreaterThan(0);
    expect(scanned.filter((text) => text.includes(SECRET))).toEqual([]);
  });

  it("one app's grant and credential never serve another app", async () => {
    const people = await workspaceWithPeople("intisol");
    const { member, admin, workspaceId } = people;
    for (const person of [member, admin]) through(person);
    const first = await approvedApp(people, "First");
    const second = await approvedApp(people, "Second");
    await syncGrantsFromSetup(env, { workspaceId, appId: first.appId, userId: member.id }, setupFile);
    const grantId = (await member.get(`${first.base}/integrations`)).body.integrations[0].id;
    expect((await admin.request("PUT", `${first.base}/integrations/${grantId}/credential`, { secrets: { apiKey: SECRET } })).status).toBe(200);
    const before = (await crmRequests()).length;

    // The second app declares the same tool for the same domain, but has no grant of its own.
    const noGrant = await member.post(`${second.base}/tools/crm_create`, { input: { name: "X", email: "x@example.com" }, version: "draft" });
    expect(noGrant.status).toBe(403);
    expect(noGrant.body.error.message).toMatch(/grant-missing/);
    // With its own unconfigured grant, it still does not borrow the first app's credential.
    await syncGrantsFromSetup(env, { workspaceId, appId: second.appId, userId: member.id }, setupFile);
    const unconfigured = await member.post(`${second.base}/tools/crm_create`, { input: { name: "X", email: "x@example.com" }, version: "draft" });
    expect(unconfigured.status).toBe(403);
    expect(unconfigured.body.error.message).toMatch(/grant-not-configured/);
    // The first app's grant, addressed through the second app, does not exist.
    expect((await admin.request("PUT", `${second.base}/integrations/${grantId}/credential`, { secrets: { apiKey: "stolen" } })).status).toBe(404);
    expect((await admin.request("DELETE", `${second.base}/integrations/${grantId}/credential`)).status).toBe(404);
    expect((await crmRequests()).length).toBe(before);
  });
});
