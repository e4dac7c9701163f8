import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import path from "node:path";
import type { Page } from "playwright-core";
import { artifacts, screenshotOnFailure } from "./support/platform.ts";
import { platformAndBrowser } from "./support/suite.ts";
import { buildFixtureApp } from "./support/fixture-app.ts";
import { createWorkspace, signIn } from "./support/people.ts";
import { saveDraftSnapshot } from "./support/api.ts";

const heading = (page: Page, text: string) => page.frameLocator("iframe").getByRole("heading", { name: text, exact: true });

describe("publishing in none mode", () => {
  const env = platformAndBrowser();

  it("the owner publishes from the dialog; the published app keeps serving while the draft changes; rollback restores it", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, env.platform.url, "Olive Owner", "olive@example.com");
    const workspaceId = await createWorkspace(page, "Publish Co");
    const appId: string = (await (await page.request.post(`${env.platform.url}/api/workspaces/${workspaceId}/apps`, { data: { name: "Lead tracker" } })).json()).app.id;
    const v1 = await buildFixtureApp("lead-tracker.tsx");
    await saveDraftSnapshot(env.platform, workspaceId, appId, v1);
    await screenshotOnFailure({ owner: page }, async () => {
      await page.goto(`${env.platform.url}/w/${workspaceId}/apps/${appId}`);
      await heading(page, "Leads").waitFor({ timeout: 20_000 });
      await page.getByRole("button", { name: "Publish" }).click();
      const dialog = page.getByRole("dialog", { name: "Publish app" });
      await dialog.getByText("The app is published right away for the teams you choose.").waitFor();
      await dialog.getByLabel("Teams").click();
      await page.getByRole("option", { name: /General/ }).click();
      await dialog.getByLabel("Note").click();
      await dialog.getByLabel("Note").fill("First version for everyone");
      await page.screenshot({ path: path.join(artifacts, "publish-dialog-1440.png") });
      await dialog.getByRole("button", { name: "Publish", exact: true }).click();
      await dialog.getByText("The teams you chose can use the app now.").waitFor();
      await dialog.getByRole("button", { name: "Done" }).click();
      await page.getByTestId("app-status").getByText("published").waitFor();
      await page.getByTestId("sidebar-group-Published").getByText("Lead tracker").waitFor();

      // Open app: a new tab with the host page, on the published data scope.
      const [published] = await Promise.all([context.waitForEvent("page"), page.getByRole("link", { name: "Open app" }).click()]);
      await published.waitForURL(new RegExp(`/a/${appId}/$`));
      await heading(published, "Leads").waitFor({ timeout: 20_000 });
      await published.frameLocator("iframe").getByLabel("Lead name").fill("Published lead");
      await published.frameLocator("iframe").getByLabel("Lead name").press("Enter");
      await published.frameLocator("iframe").getByTestId("lead").filter({ hasText: "Published lead" }).waitFor();
      await published.screenshot({ path: path.join(artifacts, "published-app-1440.png") });

      // The draft changes; the published app keeps serving version 1.
      const v2 = { ...v1, "dist/index.html": v1["dist/index.html"]!.replace("children:`Leads`", "children:`Leads v2`") };
      await saveDraftSnapshot(env.platform, workspaceId, appId, v2);
      await heading(page, "Leads v2").waitFor({ timeout: 20_000 });
      await published.reload();
      await heading(published, "Leads").waitFor({ timeout: 20_000 });
      assert.equal(await heading(published, "Leads v2").count(), 0);

      // Publishing again switches the open app live; rollback switches it back.
      await page.getByRole("button", { name: "Publish" }).click();
      await page.getByRole("dialog").getByText("The current draft replaces the published version").waitFor();
      await page.getByRole("dialog").getByRole("button", { name: "Publish", exact: true }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
      await heading(published, "Leads v2").waitFor({ timeout: 20_000 });
      await page.getByRole("tab", { name: "Versions" }).click();
      const rows = page.getByTestId("version-row");
      await rows.nth(1).waitFor();
      await rows.nth(1).getByRole("button", { name: "Roll back to this" }).click();
      await page.screenshot({ path: path.join(artifacts, "versions-rollback-1440.png") });
      await page.getByRole("button", { name: "Roll back", exact: true }).click();
      await heading(published, "Leads").waitFor({ timeout: 20_000 });
      await rows.nth(0).getByText("rollback").waitFor();
      // The published data stayed with the published app through all of it.
      await published.frameLocator("iframe").getByTestId("lead").filter({ hasText: "Published lead" }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(artifacts, "versions-390.png"), fullPage: true });
      await published.setViewportSize({ width: 390, height: 844 });
      await published.screenshot({ path: path.join(artifacts, "published-app-390.png") });
    });
    await context.close();
  });

  it("an app document has no network: a preview's fetch to a loopback listener is blocked", async () => {
    let hits = 0;
    const listener = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { "access-control-allow-origin": "*" }).end("reached");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as { port: number }).port;
    try {
      const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await signIn(page, env.platform.url, "Hal Hostile", "hal@example.com");
      const workspaceId = await createWorkspace(page, "Hostile Co");
      const appId: string = (await (await page.request.post(`${env.platform.url}/api/workspaces/${workspaceId}/apps`, { data: { name: "Exfiltrator" } })).json()).app.id;
      const probe = `http://127.0.0.1:${port}/probe`;
      const html = `<!doctype html><html><head></head><body><p id="result">pending</p><img src="${probe}?img"><script>
        fetch(${JSON.stringify(probe)}).then(() => { document.getElementById("result").textContent = "reached"; }, () => { document.getElementById("result").textContent = "blocked"; });
      </script></body></html>`;
      await saveDraftSnapshot(env.platform, workspaceId, appId, { "src/App.tsx": "export {}", "dist/index.html": html });
      await page.goto(`${env.platform.url}/w/${workspaceId}/apps/${appId}`);
      await page.frameLocator("iframe").getByText("blocked").waitFor({ timeout: 20_000 });
      assert.equal(hits, 0, "the loopback listener was never reached");
    } finally {
      listener.close();
    }
  });
});
