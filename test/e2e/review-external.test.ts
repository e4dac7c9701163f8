import { describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { artifacts, screenshotOnFailure } from "./support/platform.ts";
import { platformAndBrowser } from "./support/suite.ts";
import { captureBodySchema, type CaptureBody } from "../../shared/api/analytics.ts";
import { TestIdentityProvider } from "./support/identities.ts";
import { createWorkspace } from "./support/people.ts";

const idp = new TestIdentityProvider();

interface Someone {
  context: BrowserContext;
  page: Page;
  email: string;
}

/** A person behind the identity proxy: every request of their browser carries their signed identity. */
async function person(browser: Browser, baseUrl: string, slug: string, name: string, width = 1440): Promise<Someone> {
  const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 } });
  const email = `${slug}@corp.example`;
  await idp.signInContext(context, `sub-${slug}`, email, name);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  return { context, page, email };
}

/** The names among `candidates` that the app in the page's frame lists. */
async function leadsShown(page: Page, candidates: string[]): Promise<string[]> {
  const rows = (await page.frameLocator("iframe").getByTestId("entry").allTextContents()).join("\n");
  return candidates.filter((name) => rows.includes(name));
}
const ALL_LEADS = ["Draft lead", "Published lead", "REST lead"];

describe("review and publishing in external mode", () => {
  // Analytics on (a PostHog host that refuses: forwarding fails quietly), so the browser sends its events.
  const env = platformAndBrowser({ ...idp.platformEnv, SECOND_POSTHOG_TOKEN: "phc_e2e", SECOND_POSTHOG_HOST: "http://127.0.0.1:9" });

  it("a member asks for review, an admin approves live, the team uses the app on published data, others get 404, stale requests are refused", async () => {
    const url = env.platform.url;
    const owner = await person(env.browser, url, "olive", "Olive Owner");
    const workspaceId = await createWorkspace(owner.page, "Corp");
    const ws = `${url}/api/workspaces/${workspaceId}`;
    for (const [slug, role] of [
      ["ada", "admin"],
      ["mia", "member"],
      ["tess", "member"],
      ["otto", "member"],
    ] as const) {
      const invited = await owner.page.request.post(`${ws}/invitations`, { data: { email: `${slug}@corp.example`, role } });
      assert.equal(invited.status(), 201, await invited.text());
    }
    const admin = await person(env.browser, url, "ada", "Ada Admin");
    const adminEvents: CaptureBody[] = [];
    admin.page.on("request", (request) => {
      if (request.url().endsWith("/api/analytics/capture")) adminEvents.push(captureBodySchema.parse(request.postDataJSON()));
    });
    const builder = await person(env.browser, url, "mia", "Mia Member");
    const viewer = await person(env.browser, url, "tess", "Tess Team");
    const outsider = await person(env.browser, url, "otto", "Otto Outside");
    const members: { userId: string; email: string }[] = (await (await owner.page.request.get(`${ws}/members`)).json()).members;
    const tessId = members.find((m) => m.email === viewer.email)?.userId;
    assert.ok(tessId, "Tess joined through her invitation");
    const team: string = (await (await owner.page.request.post(`${ws}/teams`, { data: { name: "Field" } })).json()).team.id;
    assert.equal((await owner.page.request.post(`${ws}/teams/${team}/members`, { data: { userId: tessId } })).status(), 201);

    await screenshotOnFailure({ builder: builder.page, admin: admin.page, viewer: viewer.page }, async () => {
      // The member builds an app with the offline demo model.
      await builder.page.waitForURL(new RegExp(`/w/${workspaceId}$`));
      await builder.page.getByLabel("What do you want to build?").fill("A lead tracker for the field team");
      await builder.page.getByRole("button", { name: "Create app" }).click();
      await builder.page.waitForURL(/\/apps\/app_/);
      const appId = new URL(builder.page.url()).pathname.split("/")[4]!;
      // The build starts at once: the description is the first message.
      await builder.page.getByTestId("build-card").filter({ hasText: "Build passed" }).first().waitFor({ timeout: 120_000 });
      await builder.page.getByRole("tab", { name: "Preview" }).click();
      await builder.page.frameLocator("iframe").getByRole("heading", { name: "Lead tracker" }).waitFor({ timeout: 30_000 });

      // The admin watches the inbox; the request appears without a reload.
      await admin.page.goto(`${url}/w/${workspaceId}/reviews`);
      await admin.page.getByText("Nothing to review").waitFor();
      let adminReloaded = false;
      admin.page.on("load", () => (adminReloaded = true));

      await builder.page.getByRole("button", { name: "Request review" }).click();
      const dialog = builder.page.getByRole("dialog", { name: "Request review" });
      await dialog.getByText("Your draft goes to the workspace owners and admins for review.").waitFor();
      await dialog.getByLabel("Teams").click();
      await builder.page.getByRole("option", { name: /Field/ }).click();
      await dialog.getByLabel("Note").click();
      await dialog.getByLabel("Note").fill("Lead tracker for the field team");
      await builder.page.screenshot({ path: path.join(artifacts, "request-review-dialog-1440.png") });
      await dialog.getByRole("button", { name: "Request review" }).click();
      await dialog.getByText("Owners and admins see your request in their review inbox.").waitFor();
      await dialog.getByRole("button", { name: "Done" }).click();
      await builder.page.getByTestId("sidebar-group-In review").getByText("Lead tracker for the field team").waitFor();

      const card = admin.page.getByTestId("review-card").filter({ hasText: "Lead tracker for the field team" });
      await card.waitFor({ timeout: 20_000 });
      await card
        .getByTestId("review-changes")
        .getByText(/First publication: \d+ files added/)
        .waitFor();
      await card.getByText("Field", { exact: true }).waitFor();
      assert.equal(adminReloaded, false, "the request appeared live");
      await admin.page.screenshot({ path: path.join(artifacts, "review-inbox-1440.png") });
      await card.getByLabel("Comment for the requester").fill("Approved for the field team");
      await card.getByRole("button", { name: "Approve and publish" }).click();
      await admin.page.getByText("Nothing to review").waitFor({ timeout: 20_000 });
      // The inbox's approval events: shown once to the admin who may decide, then acted on.
      const approvalEvents = () => adminEvents.filter((e) => e.event.startsWith("approval ")).map((e) => [e.event, e.properties.approval_kind, e.properties.action ?? null]);
      // The capture requests leave after the clicks that caused them: wait for the last one to be seen.
      for (let i = 0; i < 200 && !approvalEvents().some(([event]) => event === "approval acted"); i++) await admin.page.waitForTimeout(100);
      assert.deepEqual(approvalEvents(), [
        ["approval shown", "publish_review", null],
        ["approval acted", "publish_review", "approved"],
      ]);

      // A member of the team uses the published app, live, on the published data scope.
      const appPage = `${url}/a/${appId}/`;
      assert.equal((await viewer.page.goto(appPage))?.status(), 200);
      const published = viewer.page.frameLocator("iframe");
      await published.getByRole("heading", { name: "Lead tracker" }).waitFor({ timeout: 30_000 });
      await published.getByLabel("Name", { exact: true }).fill("Published lead");
      await published.getByLabel("Company").fill("Field Co");
      await published.getByLabel("Company").press("Enter");
      await published.getByTestId("entry").filter({ hasText: "Published lead" }).waitFor({ timeout: 20_000 });
      // The builder's draft preview does not see it; what the builder writes in the draft stays there.
      const draft = builder.page.frameLocator("iframe");
      await draft.getByLabel("Name", { exact: true }).fill("Draft lead");
      await draft.getByLabel("Company").fill("Test Co");
      await draft.getByLabel("Company").press("Enter");
      await draft.getByTestId("entry").filter({ hasText: "Draft lead" }).waitFor({ timeout: 20_000 });
      // Live on the published scope: the admin writes through the REST API; the viewer's app shows it.
      const rest = await admin.page.request.post(`${ws}/apps/${appId}/data`, { data: { collection: "leads", data: { name: "REST lead", company: "API", status: "new" } } });
      assert.equal(rest.status(), 201, await rest.text());
      await published.getByTestId("entry").filter({ hasText: "REST lead" }).waitFor({ timeout: 20_000 });
      assert.deepEqual(await leadsShown(viewer.page, ALL_LEADS), ["Published lead", "REST lead"]);
      assert.deepEqual(await leadsShown(builder.page, ALL_LEADS), ["Draft lead"]);
      const names = async (version: string) =>
        ((await (await admin.page.request.get(`${ws}/apps/${appId}/data?collection=leads&version=${version}`)).json()).docs as { name: string }[]).map((d) => d.name).sort();
      assert.deepEqual(await names("published"), ["Published lead", "REST lead"]);
      assert.deepEqual(await names("draft"), ["Draft lead"]);
      await viewer.page.screenshot({ path: path.join(artifacts, "published-external-1440.png") });
      await viewer.page.setViewportSize({ width: 390, height: 844 });
      await viewer.page.screenshot({ path: path.join(artifacts, "published-external-390.png") });

      // Someone outside the team: 404 on the host page, the document and the data.
      assert.equal((await outsider.page.goto(appPage))?.status(), 404);
      const app: { publishedSnapshot: { hash: string } } = (await (await viewer.page.request.get(`${ws}/apps/${appId}`)).json()).app;
      assert.equal((await outsider.page.request.get(`${url}/a/${appId}/${app.publishedSnapshot.hash}/`)).status(), 404);
      assert.equal((await outsider.page.request.get(`${ws}/apps/${appId}/data?collection=leads`)).status(), 404);

      // A new request, then a builder message: the request is superseded; approving it is refused.
      await builder.page.getByRole("button", { name: "Request review" }).click();
      const again = builder.page.getByRole("dialog", { name: "Request review" });
      await again.getByRole("button", { name: "Request review" }).click();
      await again.getByRole("button", { name: "Done" }).click();
      await admin.page.getByTestId("review-card").filter({ hasText: "Lead tracker for the field team" }).waitFor({ timeout: 20_000 });
      const pending: { id: string }[] = (await (await admin.page.request.get(`${ws}/reviews?status=pending`)).json()).reviews;
      assert.equal(pending.length, 1);
      await builder.page.getByLabel("Message the builder").fill("Make the heading bigger");
      await builder.page.getByRole("button", { name: "Send" }).click();
      await admin.page.getByText("Nothing to review").waitFor({ timeout: 20_000 });
      const all: { id: string; status: string; comment: string }[] = (await (await admin.page.request.get(`${ws}/reviews`)).json()).reviews;
      assert.equal(all.find((r) => r.id === pending[0]!.id)?.status, "superseded");
      const stale = await admin.page.request.post(`${ws}/reviews/${pending[0]!.id}/approve`, { data: {} });
      assert.equal(stale.status(), 409);
      assert.match((await stale.json()).error.message, /superseded/);
      await admin.page.locator("label").filter({ hasText: /^All$/ }).click();
      await admin.page.getByTestId("review-card").first().waitFor();
      await admin.page.setViewportSize({ width: 390, height: 844 });
      await admin.page.screenshot({ path: path.join(artifacts, "review-inbox-390.png"), fullPage: true });
    });
    for (const p of [owner, admin, builder, viewer, outsider]) await p.context.close();
  });
});
