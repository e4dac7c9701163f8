import { describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { artifacts } from "./support/platform.ts";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";

describe("usage and cost", () => {
  const env = platformAndBrowser();

  it("shows a demo turn's real figures in the chat, and the owner's Usage page charts it, exports CSV and fits 390 px", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, env.platform.url, "Olga Owner", "olga@example.com");
    await createWorkspace(page, "Metered");

    await page.getByLabel("What do you want to build?").fill("A lead tracker for the sales team");
    await page.getByRole("button", { name: "Create app" }).click();
    await page.waitForURL(/\/apps\/app_/);
    // The build starts at once; its turn ends with the metered usage line.
    const usageLine = page.getByTestId("turn-usage").last();
    await usageLine.waitFor({ timeout: 180_000 });
    const line = await usageLine.textContent();
    assert.match(line ?? "", /^free \(demo model\) · [\d,]+ in \/ [\d,]+ out · \d+ model calls?$/);

    await page.getByRole("link", { name: "Usage and cost" }).click();
    // A client-side navigation: wait for the page itself rather than a load event.
    const table = page.getByTestId("usage-table");
    await table.locator("tbody tr").first().waitFor({ timeout: 30_000 });
    assert.match(page.url(), /\/usage$/);
    await page.locator("[data-testid=usage-chart] .recharts-surface").first().waitFor();
    await page.getByText("Models", { exact: true }).click();
    await table.getByText("free (demo model)").waitFor();
    await page.getByText("People", { exact: true }).click();
    await table.getByText("Olga Owner").waitFor();

    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    assert.match(csv.split("\r\n")[0]!, /^user,label,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,costUsd,calls$/);
    assert.match(csv, /Olga Owner/);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText("Days", { exact: true }).click();
    await page.locator("[data-testid=usage-chart] .recharts-surface").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390 px`);
    await page.screenshot({ path: path.join(artifacts, "usage-390.png"), fullPage: true });
    await context.close();
  });
});
