import { describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { artifacts } from "./support/platform.ts";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";

describe("building an app with the offline demo model", () => {
  const env = platformAndBrowser();

  it("streams the build, survives a reload mid-turn, runs the app with data that persists, and stops and resumes work", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, env.platform.url, "Bea Builder", "bea@example.com");
    await createWorkspace(page, "Builders");

    await page.getByLabel("What do you want to build?").fill("A lead tracker for the sales team");
    await page.getByRole("button", { name: "Create app" }).click();
    await page.waitForURL(/\/apps\/app_/);
    // The build starts at once (item 1): the description is the first message, the preview shows progress.
    await page.getByTestId("user-message").filter({ hasText: "A lead tracker for the sales team" }).waitFor({ timeout: 20_000 });
    await page.getByTestId("build-progress").waitFor();
    assert.match((await page.getByTestId("build-elapsed").textContent()) ?? "", /^\d+:\d{2}$/);
    await page.screenshot({ path: path.join(artifacts, "app-building-1440.png") });

    // The plan streams in; reload in the middle of the turn.
    await page.getByTestId("plan-card").waitFor({ timeout: 20_000 });
    await page.reload();
    await page.getByTestId("plan-card").waitFor({ timeout: 20_000 });

    const builds = page.getByTestId("build-card");
    await builds.nth(0).waitFor({ timeout: 60_000 });
    assert.equal(await builds.nth(0).getAttribute("data-ok"), "true", "the build passes");
    await page.getByText("The preview shows the new version").waitFor({ timeout: 20_000 });
    const transcript = (await page.getByTestId("assistant-message").allTextContents()).join("\n");
    assert.equal(transcript.split("I'll build Lead tracker").length - 1, 1, "no text lost or doubled across the reload");
    // Without a key the picker says the offline demo model runs the turns.
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[aria-label="Model"]')?.value === "Demo model (offline)", null, { timeout: 20_000 });
    assert.equal(await page.getByTestId("user-message").count(), 1);
    await page.screenshot({ path: path.join(artifacts, "builder-chat-1440.png") });

    // The preview runs the built app, sandboxed, on live data: shown without a click once the build passed (item 2).
    assert.equal(await page.getByRole("tab", { name: "Preview" }).getAttribute("aria-selected"), "true");
    const app = page.frameLocator("iframe");
    await app.getByRole("heading", { name: "Lead tracker" }).waitFor({ timeout: 20_000 });
    await app.getByLabel("Name", { exact: true }).fill("Ada Lovelace");
    await app.getByLabel("Company").fill("Analytical Engines");
    await app.getByRole("button", { name: "Add lead" }).click();
    await app.getByTestId("entry").filter({ hasText: "Ada Lovelace" }).waitFor();
    // The form says "Saving…" until the platform stored the entry; change it once it is stored.
    await app.getByRole("button", { name: "Add lead" }).waitFor({ timeout: 20_000 });
    await app.getByLabel("Status of Ada Lovelace").selectOption("contacted");
    await page.screenshot({ path: path.join(artifacts, "builder-preview-1440.png") });
    // Reload only once the change is stored (a reload aborts a request still in flight).
    const [, workspaceId, appId] = /\/w\/([^/]+)\/apps\/([^/?]+)/.exec(page.url()) ?? [];
    let stored = false;
    for (let attempt = 0; attempt < 100 && !stored; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 200));
      const list = await page.request.get(`${env.platform.url}/api/workspaces/${workspaceId}/apps/${appId}/data?collection=leads&version=draft`);
      stored = ((await list.json()).docs as { status?: string }[]).some((doc) => doc.status === "contacted");
    }
    assert.ok(stored, "the status change reached the platform");

    await page.reload();
    await page.getByRole("tab", { name: "Preview" }).click();
    const status = page.frameLocator("iframe").getByLabel("Status of Ada Lovelace");
    await status.waitFor({ timeout: 20_000 });
    assert.equal(await status.inputValue(), "contacted");

    // Stop a follow-up mid-turn: the chat says so; the next message still builds.
    await page.getByLabel("Message the builder").fill("Add a notes field");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("button", { name: "Stop" }).click({ timeout: 20_000 });
    await page.getByTestId("stopped").waitFor({ timeout: 20_000 });
    await page.getByLabel("Message the builder").fill("Add a notes field");
    await page.getByRole("button", { name: "Send" }).click();
    await page
      .getByText(/added Notes/)
      .last()
      .waitFor({ timeout: 60_000 });
    await page.getByTestId("build-card").filter({ hasText: "Build passed" }).nth(1).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(artifacts, "builder-stopped-then-built-1440.png") });

    // The iframe cannot reach the platform on its own: it has no same-origin access.
    const sandbox = await page.locator("iframe").getAttribute("sandbox");
    assert.ok(sandbox && !sandbox.includes("allow-same-origin"));
    await context.close();
  });
});
