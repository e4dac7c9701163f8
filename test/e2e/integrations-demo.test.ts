import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { screenshotOnFailure } from "./support/platform.ts";
import { platformAndBrowser } from "./support/suite.ts";
import { TestIdentityProvider } from "./support/identities.ts";
import { createWorkspace } from "./support/people.ts";
import { LeakWatch } from "./support/leak-watch.ts";
import { shoot } from "./support/ux.ts";
import { startDevCrm } from "../../scripts/dev-crm.mjs";

/**
 * The integration flow as people see it, against the stand-in CRM (scripts/dev-crm.mjs, opened by
 * SECOND_DEV_TOOL_ORIGIN): the demo model builds an app that asks for the CRM's API key, approval
 * is refused until an admin sets it, then the app's button reaches the CRM through the frame
 * bridge. Everything the browser receives, every frame message and every platform log line is
 * scanned for the key.
 */
const SECRET = `crm_e2e_${crypto.randomUUID().replaceAll("-", "")}`;
const crm = await startDevCrm({ apiKey: SECRET, inspect: true });
after(() => crm.close());
const idp = new TestIdentityProvider();
const watch = new LeakWatch();

async function person(browser: Browser, baseUrl: string, slug: string, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await watch.watch(context);
  await idp.signInContext(context, `sub-${slug}`, `${slug}@corp.example`, name);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  return page;
}

describe("integrations built by the demo model", () => {
  const env = platformAndBrowser({ ...idp.platformEnv, SECOND_DEV_TOOL_ORIGIN: crm.url, LOG_LEVEL: "debug" }, (process, line) => watch.log(process, line));

  it("setup card → Needs setup → approval refused → admin sets the key → the app's button reads the CRM, and the key is in no answer, frame message or log", async () => {
    const url = env.platform.url;
    const owner = await person(env.browser, url, "olive", "Olive Owner");
    const workspaceId = await createWorkspace(owner, "Corp");
    const ws = `${url}/api/workspaces/${workspaceId}`;
    assert.equal((await owner.request.post(`${ws}/invitations`, { data: { email: "mia@corp.example", role: "member" } })).status(), 201);
    const builder = await person(env.browser, url, "mia", "Mia Member");
    const frame = builder.frameLocator("iframe");

    await screenshotOnFailure({ builder, owner }, async () => {
      // The member describes the app; the demo model presents the CRM's setup card.
      await builder.waitForURL(new RegExp(`/w/${workspaceId}$`));
      await builder.getByLabel("What do you want to build?").fill(`A contact list that syncs contacts with our CRM at crm.example.com (API at ${crm.url})`);
      await builder.getByRole("button", { name: "Create app" }).click();
      await builder.waitForURL(/\/apps\/app_/);
      const appId = new URL(builder.url()).pathname.split("/")[4]!;
      await builder.getByText("The preview shows the new version").waitFor({ timeout: 120_000 });
      const card = builder.getByTestId("integration-setup-card");
      await card.getByText("Integrations (1): set up before the app can be published").waitFor();
      await card.getByText("crm.example.com").waitFor();
      await card.getByText("Needs: API key").waitFor();
      await card.getByText("An owner or admin configures these in Settings → Integrations.").waitFor();
      await builder.getByText("Agents (0) and app tools (1) — an admin approves them before they run").waitFor();

      // The run object turned the card into a grant: the owner sees it waiting for its key.
      await owner.goto(`${url}/w/${workspaceId}/settings/integrations`);
      const grant = owner.locator('[data-testid="grant-card"][data-domain="crm.example.com"]');
      await grant.getByTestId("grant-status").getByText("Needs setup").waitFor({ timeout: 20_000 });

      // The member asks for review; approving is refused, naming the integration.
      const general: string = (await (await owner.request.get(`${ws}/teams`)).json()).teams[0].id;
      assert.equal((await builder.request.post(`${ws}/apps/${appId}/publish`, { data: { teamIds: [general] } })).status(), 201);
      await owner.goto(`${url}/w/${workspaceId}/reviews`);
      const review = owner.getByTestId("review-card").first();
      await review.getByRole("button", { name: "Approve and publish" }).click();
      await review.getByText(/"CRM" \(crm\.example\.com\) still needs setup/).waitFor({ timeout: 20_000 });

      // Before the key is set, the app's button gets the refusal, and nothing reaches the CRM.
      await frame.getByLabel("Email to look up in the CRM").fill("ada@example.com");
      await frame.getByRole("button", { name: "Look up in CRM" }).click();
      await frame.getByRole("alert").waitFor({ timeout: 20_000 });
      assert.equal(crm.requests.length, 0);

      // The owner approves agents.json (its app tool) and sets the key through the credential form.
      await owner.goto(`${url}/w/${workspaceId}/apps/${appId}`);
      await owner.getByRole("tab", { name: "Agents" }).click();
      await owner.getByTestId("app-tool").getByText(`GET ${crm.url}/contacts?email={{input.email}} · integration crm.example.com`).waitFor();
      await owner.getByRole("button", { name: "Approve this configuration" }).click();
      await owner.getByText(/^Approved/).waitFor({ timeout: 20_000 });
      await owner.goto(`${url}/w/${workspaceId}/settings/integrations`);
      await grant.getByRole("button", { name: "Set credential" }).click();
      const modal = owner.getByRole("dialog", { name: "Credential for CRM" });
      await modal.getByLabel("API key").fill(SECRET);
      await modal.getByRole("button", { name: "Save credential" }).click();
      await modal.waitFor({ state: "hidden" });
      await grant.getByTestId("grant-status").getByText("Configured").waitFor();
      await shoot(owner, "integration-configured");

      // The app's button calls the tool through the frame bridge and shows the CRM's answer.
      await frame.getByRole("button", { name: "Look up in CRM" }).click();
      const answer = frame.getByTestId("crm-answer");
      await answer.getByText("The CRM answered 200").waitFor({ timeout: 20_000 });
      await answer.getByText(/Ada Lovelace/).waitFor();
      assert.deepEqual(
        crm.requests.map((r) => [r.method, r.path, r.headers["x-api-key"] === SECRET]),
        [["GET", "/contacts?email=ada%40example.com", true]],
        "one call, with the key, from the platform",
      );
      await answer.scrollIntoViewIfNeeded();
      await shoot(builder, "integration-app-answer");
    });

    // Planted values prove each channel is recorded: a host → frame message and a logged path.
    const planted = `planted_${crypto.randomUUID()}`;
    await builder.evaluate((value) => document.querySelector("iframe")?.contentWindow?.postMessage({ planted: value }, "*"), planted);
    await builder.request.get(`${url}/api/${planted}`);
    for (const page of [builder, owner]) await page.context().close();
    await watch.settle();
    const plantedAt = watch.find(planted);
    assert.ok(
      plantedAt.some((w) => w.startsWith("frame message (frame ←")),
      `the planted message was recorded: ${plantedAt.join(", ")}`,
    );
    assert.ok(
      plantedAt.some((w) => w.startsWith("platform log")),
      `the planted path was logged: ${plantedAt.join(", ")}`,
    );
    assert.ok(
      watch.seen.some((s) => s.channel === "frame message" && s.where.startsWith("host") && s.text.includes("second:integration:execute")),
      "the app's tool call crossed the bridge and was recorded",
    );
    assert.ok(watch.count("response body") > 20 && watch.count("platform log") > 20, "bodies and logs were collected");

    // The key went out once, in the admin's form; nothing the browser received and no log line holds it.
    const keyAt = watch.find(SECRET);
    assert.equal(keyAt.length, 1, `the key appears only in the credential form's request: ${keyAt.join(", ")}`);
    assert.match(keyAt[0] ?? "", /^request body \(PUT .*\/integrations\/[^/]+\/credential\)$/);
  });
});
