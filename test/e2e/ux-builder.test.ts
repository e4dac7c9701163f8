import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";
import { PHONE, assertNoSidewaysScroll, shoot } from "./support/ux.ts";
import { ok, pageApi } from "./support/api.ts";

describe("creating and building an app on a phone (items 1, 2, 3, 5)", () => {
  const env = platformAndBrowser();

  it("creates one app from a double click, builds it at once with progress, and shows the preview full width", async () => {
    const context = await env.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await signIn(page, env.platform.url, "Pia Phone", "pia@example.com");
    const ws = await createWorkspace(page, "Pocket");
    await shoot(page, "home");

    await page.getByLabel("What do you want to build?").fill("A lead tracker for the sales team");
    await page.getByRole("button", { name: "Create app" }).dblclick();
    await page.waitForURL(/\/apps\/app_/);
    const { apps } = await ok(pageApi(env.platform.url, page).workspaces[":wId"].apps.$get({ param: { wId: ws } }));
    assert.equal(apps.length, 1, "a double click creates one app");

    // The build started by itself; on a phone the app pane shows its progress.
    await page.getByTestId("build-progress").waitFor({ timeout: 20_000 });
    await page.waitForURL((url) => !url.searchParams.has("build"));
    assert.match((await page.getByTestId("build-elapsed").textContent()) ?? "", /^\d+:\d{2}$/);
    assert.ok((await page.getByTestId("build-step").count()) >= 3);
    await assertNoSidewaysScroll(page, "app page while building");
    await shoot(page, "app-building");

    // Chat and App switch on a narrow screen; the chat shows the description as the first message.
    await page
      .locator("label")
      .filter({ hasText: /^Chat$/ })
      .click();
    await page.getByTestId("user-message").filter({ hasText: "A lead tracker for the sales team" }).waitFor();
    assert.equal(await page.getByTestId("app-pane").isVisible(), false);
    const chatBox = await page.getByTestId("chat-pane").boundingBox();
    assert.ok(chatBox && chatBox.width > 330, `the chat uses the width (${chatBox?.width}px)`);
    await shoot(page, "app-chat");

    // When the build passes the app pane comes back with the new build, without a click.
    await page.getByTestId("app-pane").waitFor({ state: "visible", timeout: 120_000 });
    const frame = page.frameLocator("iframe");
    await frame.getByRole("heading", { name: "Lead tracker" }).waitFor({ timeout: 30_000 });
    const iframeBox = await page.locator("iframe").boundingBox();
    assert.ok(iframeBox && iframeBox.width > 330 && iframeBox.height > 300, `the preview is usable (${iframeBox?.width}x${iframeBox?.height})`);
    assert.equal(await page.getByRole("tab", { name: "Preview" }).getAttribute("aria-selected"), "true");
    await assertNoSidewaysScroll(page, "app page with the preview");
    await shoot(page, "app-preview");

    // Every tab fits the phone.
    for (const tab of ["Data", "Files", "Settings"]) {
      await page.getByRole("tab", { name: tab }).click();
      await assertNoSidewaysScroll(page, `${tab} tab`);
    }
    await context.close();
  });
});
