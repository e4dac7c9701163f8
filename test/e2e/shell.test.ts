import { describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { artifacts } from "./support/platform.ts";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";

describe("platform shell in Chromium", () => {
  const env = platformAndBrowser();

  it("renders the health status with the embedded store", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${env.platform.url}/status`);
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
      const context = await env.browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, env.platform.url, "Grace Hopper", `grace.${viewport.width}@example.com`);
      await page.screenshot({ path: path.join(artifacts, `onboarding-workspace-${viewport.width}.png`) });
      await createWorkspace(page, `Compilers ${viewport.width}`);
      await page.getByRole("heading", { name: "What do you want to build?" }).waitFor();
      await page.getByText("No apps yet").waitFor();
      await page.screenshot({ path: path.join(artifacts, `home-${viewport.width}.png`) });
      if (viewport.width === 1440) {
        // Usage data: anonymized by default; the person can opt out (future events only).
        await page.getByRole("button", { name: "Switch workspace" }).click();
        await page.getByRole("menuitem", { name: "Usage data" }).click();
        const toggle = page.getByRole("switch", { name: "Anonymize my usage data" });
        await toggle.waitFor();
        assert.equal(await toggle.isChecked(), true);
        await toggle.click({ force: true });
        const deadline = Date.now() + 5000;
        let anonymized = true;
        while (anonymized && Date.now() < deadline) anonymized = (await (await page.request.get(`${env.platform.url}/api/me/usage-data`)).json()).anonymized;
        assert.equal(anonymized, false);
        await page.keyboard.press("Escape");
      }
      await page.goto(`${env.platform.url}/definitely/not/here`);
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      await context.close();
    }
  });
});
