import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./support/browser.ts";
import { artifacts, startTestPlatform } from "./support/platform.ts";
import type { RunningPlatform } from "../../scripts/platform.mjs";
import { createWorkspace, signIn } from "./support/people.ts";

describe("platform shell in Chromium", () => {
  let platform: RunningPlatform;
  let browser: Browser;
  before(async () => {
    [platform, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("renders the health status with the embedded store", async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${platform.url}/status`);
    await page.getByText("Operational").waitFor();
    assert.equal(await page.getByTestId("status-store").textContent(), "embedded");
    assert.match((await page.getByTestId("status-version").textContent()) ?? "", /^\d+\.\d+\.\d+/);
    await page.screenshot({ path: path.join(artifacts, "status-1440.png"), fullPage: true });
    await page.close();
  });

  it("walks onboarding to a workspace home and shows a not-found page for unknown routes", async () => {
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, platform.url, "Grace Hopper", `grace.${viewport.width}@example.com`);
      await page.screenshot({ path: path.join(artifacts, `onboarding-workspace-${viewport.width}.png`) });
      await createWorkspace(page, `Compilers ${viewport.width}`);
      await page.getByRole("heading", { name: "What do you want to build?" }).waitFor();
      await page.getByText("No apps yet").waitFor();
      await page.screenshot({ path: path.join(artifacts, `home-${viewport.width}.png`) });
      await page.goto(`${platform.url}/definitely/not/here`);
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      await context.close();
    }
  });
});
