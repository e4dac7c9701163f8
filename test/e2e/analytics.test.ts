import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Request } from "playwright-core";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";
import { buildFixtureApp } from "./support/fixture-app.ts";
import { builderTurnCapability } from "../support/capabilities.ts";
import { sanitizeProperties } from "../../shared/api/analytics-sanitize.ts";
import { captureBodySchema, type CaptureBody } from "../../shared/api/analytics.ts";

type Forwarded = { event: string; distinct_id: string; properties: Record<string, unknown> };

/** What the browser sends to /api/analytics/capture in a whole session, and what reaches "PostHog". */
describe("product analytics from a whole browser session", () => {
  const forwarded: Forwarded[] = [];
  let posthog: Server;
  const workerEnv: Record<string, string> = { SECOND_POSTHOG_TOKEN: "phc_e2e" };
  // Runs before the platform starts (hooks run in order): the PostHog stand-in's address goes into its env.
  before(async () => {
    posthog = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        forwarded.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Forwarded);
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => posthog.listen(0, "127.0.0.1", resolve));
    workerEnv.SECOND_POSTHOG_HOST = `http://127.0.0.1:${(posthog.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => posthog.close(() => resolve())));
  const env = platformAndBrowser(workerEnv);

  it("sends every browser event from its call site with ids removed, and nothing identifying survives the sanitizer", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const sent: CaptureBody[] = [];
    page.on("request", (request: Request) => {
      if (request.url().endsWith("/api/analytics/capture") && request.method() === "POST") sent.push(captureBodySchema.parse(request.postDataJSON()));
    });
    const names = { person: "Grace Hopper", email: "grace.hopper@example.com", workspace: "Hopper Secret Labs", prompt: "A payroll tracker for Grace Hopper's cobol team" };
    await signIn(page, env.platform.url, names.person, names.email);
    const workspaceId = await createWorkspace(page, names.workspace);

    // A build from the home page: chat initiated in the browser, build completed from the server, app displayed once it runs.
    await page.getByLabel("What do you want to build?").fill(names.prompt);
    await page.getByRole("button", { name: "Create app" }).click();
    await page.waitForURL(/\/apps\/app_/);
    const builtAppId = new URL(page.url()).pathname.split("/")[4]!;
    await page.getByTestId("turn-usage").last().waitFor({ timeout: 180_000 });

    // An app with agents: the approval card is shown, acted on, and its agent runs.
    const agentsAppName = "Grace's confidential agents";
    const agentsAppId: string = (await (await page.request.post(`${env.platform.url}/api/workspaces/${workspaceId}/apps`, { data: { name: agentsAppName } })).json()).app.id;
    const files = await buildFixtureApp("lead-tracker.tsx");
    files["agents.json"] = JSON.stringify({ agents: [{ id: "payroll-checker", name: "Payroll checker", systemPrompt: "Check payroll", dataCollections: ["leads"] }] });
    const saved = await fetch(`${env.platform.url}/api/internal/app-snapshots`, {
      method: "POST",
      headers: { authorization: `Bearer ${await builderTurnCapability(env.platform.capabilityKey, { workspaceId, appId: agentsAppId })}`, "content-type": "application/json" },
      body: JSON.stringify({ workspaceId, appId: agentsAppId, files }),
    });
    assert.equal(saved.status, 200, await saved.text());
    // Through the sidebar: "sidebar clicked" with the link's route shape.
    await page.getByRole("link", { name: agentsAppName }).click();
    await page.waitForURL(new RegExp(`/apps/${agentsAppId}`));
    await page.getByRole("tab", { name: "Agents" }).click();
    await page.getByRole("button", { name: "Approve this configuration" }).click();
    await page.getByText(/^Approved/).waitFor();
    await page.getByLabel("Input for payroll-checker").fill("Check Grace Hopper's salary");
    await page.getByRole("button", { name: "Run now" }).click();

    const expectedBrowser = ["page viewed", "onboarding finished", "chat initiated", "app displayed", "sidebar clicked", "approval shown", "approval acted", "agents approved"];
    const expectedServer = ["build completed", "app agent triggered", "app agent finished"];
    const deadline = Date.now() + 120_000;
    const missing = () => [...expectedBrowser.filter((e) => !sent.some((s) => s.event === e)), ...expectedServer.filter((e) => !forwarded.some((f) => f.event === e))];
    while (missing().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    assert.deepEqual(missing(), [], `events not seen; browser sent ${sent.map((s) => s.event).join(", ")}`);

    const sidebar = sent.find((s) => s.event === "sidebar clicked")!;
    assert.equal(sidebar.properties.target, "/w/:workspace/apps/:objectId");
    const acted = sent.find((s) => s.event === "approval acted")!.properties;
    assert.equal(acted.approval_kind, "agents_json");
    assert.equal(acted.action, "approved");
    assert.equal(sent.find((s) => s.event === "approval shown")!.properties.approval_kind, "agents_json");
    const build = forwarded.find((f) => f.event === "build completed")!;
    assert.ok(Number(build.properties.tool_call_count) > 0 && Number(build.properties.file_count) > 0, JSON.stringify(build.properties));
    for (const body of sent) {
      assert.ok(typeof body.properties.surface === "string", body.event);
      assert.match(String(body.properties.route_shape), /^\/[a-zA-Z:/_-]*$/, `${body.event}: ${body.properties.route_shape}`);
    }

    // Nothing identifying: not in what the browser sent, not after the sanitizer, not in what was forwarded.
    const identifying = [names.person, "Grace", names.email, names.workspace, names.prompt, "cobol", agentsAppName, "payroll-checker", workspaceId, builtAppId, agentsAppId];
    const userId: string = (await (await page.request.get(`${env.platform.url}/api/me`)).json()).user.id;
    identifying.push(userId);
    const check = (label: string, value: unknown) => {
      const text = JSON.stringify(value);
      for (const secret of identifying) assert.ok(!text.includes(secret), `${label} carries "${secret}": ${text}`);
      assert.doesNotMatch(text, /\b(usr|ws|app|run|team|inv|mem|msg)_[0-9a-z]{10,}\b/, `${label} carries an id: ${text}`);
    };
    for (const body of sent) {
      check(`browser "${body.event}"`, body);
      check(`sanitized "${body.event}"`, sanitizeProperties(body.properties, true));
    }
    for (const event of forwarded) check(`forwarded "${event.event}"`, event);
    assert.ok(forwarded.every((f) => f.distinct_id.startsWith("anon_") && f.properties.$process_person_profile === false));
    await context.close();
  });
});
