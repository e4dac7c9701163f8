import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";
import { DESKTOP, PHONE, appWithBuiltDraft, assertNoSidewaysScroll, shoot } from "./support/ux.ts";
import { ok, pageApi } from "./support/api.ts";

describe("finding your way: not-found, live role changes, return links, names in the log (item 11)", () => {
  const env = platformAndBrowser();

  it("covers the small things people trip over, at both sizes", async () => {
    const ownerContext = await env.browser.newContext({ viewport: DESKTOP });
    const owner = await ownerContext.newPage();
    await signIn(owner, env.platform.url, "Olga Owner", "olga@example.com");
    const ws = await createWorkspace(owner, "Wayfinders");
    const api = pageApi(env.platform.url, owner).workspaces[":wId"];
    const param = { wId: ws };
    const appId = await appWithBuiltDraft(env.platform, owner, ws, "Lead tracker");
    await ok(api.members.$post({ param, json: { email: "mia@example.com", displayName: "Mia Member", role: "member" } }));

    // The top bar says where you are and holds the account menu; the theme's font is really loaded.
    await owner.goto(`${env.platform.url}/w/${ws}/apps/${appId}`);
    const header = owner.locator("header");
    await header.getByText("Wayfinders").waitFor();
    await header.getByText("Lead tracker").waitFor();
    await header.getByRole("button", { name: "Your account" }).click();
    await owner.getByRole("menuitem", { name: "Sign out" }).waitFor();
    await owner.keyboard.press("Escape");
    assert.equal(await owner.evaluate(async () => (await document.fonts.load("16px 'Inter Variable'")).length > 0), true, "Inter ships with the app");
    assert.equal(await owner.evaluate(() => getComputedStyle(document.querySelector("h2")!).fontWeight), "600");

    // The tab is in the URL and survives a reload.
    await owner.getByRole("tab", { name: "Files" }).click();
    await owner.waitForURL(/tab=files/);
    await owner.reload();
    assert.equal(await owner.getByRole("tab", { name: "Files" }).getAttribute("aria-selected"), "true");
    await owner.getByRole("tab", { name: "Preview" }).click();
    await owner.frameLocator("iframe").getByRole("heading", { name: "Leads" }).waitFor({ timeout: 20_000 });
    const body = (await owner.locator("body").textContent()) ?? "";
    for (const jargon of ["this tab", "$0.0000", "SECOND_", "ANTHROPIC_"]) assert.ok(!body.includes(jargon), `no jargon: ${jargon}`);

    for (const viewport of [DESKTOP, PHONE]) {
      // A member opening the owner's draft gets a page that leads home.
      const memberContext = await env.browser.newContext({ viewport });
      const member = await memberContext.newPage();
      // Signed out, the link survives sign-in.
      await member.goto(`${env.platform.url}/w/${ws}/apps/${appId}?tab=data`);
      await member.waitForURL(/\/onboarding\/identity\?next=/);
      await member.getByLabel("Your name").fill("Mia Member");
      await member.getByLabel("Work email").fill("mia@example.com");
      await member.getByRole("button", { name: "Continue" }).click();
      await member.waitForURL((url) => url.pathname === `/w/${ws}/apps/${appId}` && url.searchParams.get("tab") === "data");
      await member.getByRole("heading", { name: "App not found" }).waitFor();
      await shoot(member, "app-not-found");
      await member.getByRole("link", { name: "Back to your apps" }).click();
      await member.waitForURL(new RegExp(`/w/${ws}$`));
      await member.getByText("No apps yet").waitFor();
      await assertNoSidewaysScroll(member, "member home");

      // Promoted to admin, the member sees the draft appear without reloading.
      const { members } = await ok(api.members.$get({ param }));
      const mia = members.find((m) => m.email === "mia@example.com")!;
      await ok(api.members[":userId"].$patch({ param: { ...param, userId: mia.userId }, json: { role: "admin" } }));
      await member.locator("main").getByText("Lead tracker").first().waitFor({ timeout: 20_000 });
      await ok(api.members[":userId"].$patch({ param: { ...param, userId: mia.userId }, json: { role: "member" } }));
      await member.getByText("No apps yet").waitFor({ timeout: 20_000 });
      await memberContext.close();
    }

    // The audit log reads as sentences with names, as a table on desktop and cards on a phone.
    const { app: doomed } = await ok(api.apps.$post({ param, json: { name: "Old report" } }));
    await ok(api.apps[":aId"].$delete({ param: { ...param, aId: doomed.id } }));
    for (const viewport of [DESKTOP, PHONE]) {
      await owner.setViewportSize(viewport);
      await owner.goto(`${env.platform.url}/w/${ws}/audit`);
      await owner.getByText("Olga Owner deleted the app Old report").waitFor();
      await owner.getByText("Olga Owner changed Mia Member's role from member to admin").first().waitFor();
      const text = (await owner.locator("main").textContent()) ?? "";
      assert.doesNotMatch(text, /app_[0-9a-z]{6}|usr_[0-9a-z]{6}|app\.deleted/, "no raw ids or event keys");
      await assertNoSidewaysScroll(owner, `audit at ${viewport.width}`);
      await shoot(owner, "audit");
      await owner.goto(`${env.platform.url}/w/${ws}/settings/members`);
      await owner.getByTestId("member-mia@example.com").waitFor();
      await assertNoSidewaysScroll(owner, `members at ${viewport.width}`);
      await shoot(owner, "members");
    }
    await ownerContext.close();
  });

  it("keeps the key screens whole at both sizes (screenshots for review)", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await env.browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, env.platform.url, "Sam Screens", `screens.${viewport.width}@example.com`);
      const ws = await createWorkspace(page, `Screens ${viewport.width}`);
      const appId = await appWithBuiltDraft(env.platform, page, ws, "Lead tracker");
      await page.goto(`${env.platform.url}/w/${ws}`);
      await page.locator("main").getByText("Lead tracker").first().waitFor();
      await assertNoSidewaysScroll(page, "home");
      await shoot(page, "home");
      await page.goto(`${env.platform.url}/w/${ws}/apps/${appId}`);
      await page.frameLocator("iframe").getByRole("heading", { name: "Leads" }).waitFor({ timeout: 20_000 });
      await assertNoSidewaysScroll(page, "app preview");
      await shoot(page, "app-preview");
      await page.getByRole("tab", { name: "Settings" }).click();
      await page.getByRole("button", { name: "Delete app…" }).waitFor();
      await assertNoSidewaysScroll(page, "app settings");
      await shoot(page, "app-settings");
      await page.getByRole("button", { name: "Delete app…" }).click();
      await page.getByRole("dialog").waitFor();
      await shoot(page, "delete-app-dialog");
      await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
      await page.goto(`${env.platform.url}/w/${ws}/settings/teams`);
      await page.getByText("Teams decide who sees a published app.").waitFor();
      await assertNoSidewaysScroll(page, "teams");
      await shoot(page, "teams");
      await context.close();
    }
  });
});
