import { describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { artifacts } from "./support/platform.ts";
import { platformAndBrowser } from "./support/suite.ts";
import { buildFixtureApp } from "./support/fixture-app.ts";
import { createWorkspace, signIn } from "./support/people.ts";
import { agentRunCapability } from "../support/capabilities.ts";
import { saveDraftSnapshot } from "./support/api.ts";

const leadsIn = (page: Page) => page.frameLocator("iframe").getByTestId("lead");

async function leadNames(page: Page): Promise<string[]> {
  return (await leadsIn(page).locator("span:first-child").allTextContents()).sort();
}

async function waitForLeads(page: Page, expected: string[], label: string) {
  const want = [...expected].sort();
  const deadline = Date.now() + 20_000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await leadNames(page);
    if (JSON.stringify(seen) === JSON.stringify(want)) return;
    await page.waitForTimeout(100);
  }
  await page.screenshot({ path: path.join(artifacts, `live-data-failure-${label.replace(/\W+/g, "-")}.png`) });
  const shown = await page
    .frameLocator("iframe")
    .locator("main")
    .textContent()
    .catch(() => "(no app)");
  assert.deepEqual(seen, want, `${label}: leads shown; the app shows: ${shown}`);
}

describe("live app data across tabs, people and sources", () => {
  const env = platformAndBrowser();

  it("keeps two tabs and a second person in sync, from the app, REST and reconnects, with one live connection per browser", async () => {
    const owner: BrowserContext = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const tab1 = await owner.newPage();
    await signIn(tab1, env.platform.url, "Olive Owner", "olive@example.com");
    const workspaceId = await createWorkspace(tab1, "Data Co");
    const api = tab1.request;
    const appId: string = (await (await api.post(`${env.platform.url}/api/workspaces/${workspaceId}/apps`, { data: { name: "Lead tracker" } })).json()).app.id;
    await api.post(`${env.platform.url}/api/workspaces/${workspaceId}/members`, { data: { email: "ada@example.com", displayName: "Ada Admin", role: "admin" } });

    const files = await buildFixtureApp("lead-tracker.tsx");
    files["agents.json"] = JSON.stringify({ agents: [{ id: "enricher", name: "Enricher", systemPrompt: "Add leads", dataCollections: ["leads"] }] });
    await saveDraftSnapshot(env.platform, workspaceId, appId, files);

    const appUrl = `${env.platform.url}/w/${workspaceId}/apps/${appId}`;
    await tab1.goto(appUrl);
    const tab2 = await owner.newPage();
    await tab2.goto(appUrl);
    const adminContext = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await adminContext.newPage();
    await signIn(admin, env.platform.url, "Ada Admin", "ada@example.com");
    await admin.waitForURL(/\/w\//);
    await admin.goto(appUrl);
    for (const page of [tab1, tab2, admin]) await page.frameLocator("iframe").getByTestId("count").getByText("0 leads").waitFor({ timeout: 20_000 });

    // 1. A write from the app in one tab appears in the other tab and for the other person.
    const frame1 = tab1.frameLocator("iframe");
    // Keyboard, not pointer: the iframe can still move in the page while the shell settles, and a
    // coordinate click on a moving frame can miss.
    await frame1.getByLabel("Lead name").fill("Grace");
    await frame1.getByLabel("Lead name").press("Enter");
    for (const [page, label] of [
      [tab1, "tab 1"],
      [tab2, "tab 2"],
      [admin, "admin"],
    ] as const)
      await waitForLeads(page, ["Grace"], label);

    // 2. A REST write (another client entirely) appears everywhere.
    const rest = await api.post(`${env.platform.url}/api/workspaces/${workspaceId}/apps/${appId}/data?version=draft`, {
      data: { collection: "leads", data: { name: "Linus", status: "new" } },
    });
    assert.equal(rest.status(), 201);
    for (const [page, label] of [
      [tab1, "tab 1"],
      [tab2, "tab 2"],
      [admin, "admin"],
    ] as const)
      await waitForLeads(page, ["Grace", "Linus"], label);

    // 3. A background agent's write (approved agents.json, internal endpoint) appears everywhere.
    const { draft } = await (await api.get(`${env.platform.url}/api/workspaces/${workspaceId}/apps/${appId}/agents`)).json();
    assert.equal((await api.post(`${env.platform.url}/api/workspaces/${workspaceId}/apps/${appId}/agents/approve`, { data: { hash: draft.hash } })).status(), 200);
    const agentWrite = await fetch(`${env.platform.url}/api/internal/app-data-write`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await agentRunCapability(env.platform.capabilityKey, { workspaceId, appId, agentId: "enricher", collections: ["leads"] })}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ workspaceId, appId, version: "draft", agentId: "enricher", collection: "leads", operation: "insert", data: { name: "Agent Smith", status: "new" } }),
    });
    assert.equal(agentWrite.status, 200, await agentWrite.text());
    for (const [page, label] of [
      [tab1, "tab 1"],
      [tab2, "tab 2"],
      [admin, "admin"],
    ] as const)
      await waitForLeads(page, ["Agent Smith", "Grace", "Linus"], label);

    // 4. An update from the admin's app shows for the owner's tabs.
    await admin.frameLocator("iframe").getByRole("button", { name: "Win Grace" }).press("Enter");
    await tab2.frameLocator("iframe").getByTestId("lead").filter({ hasText: "Grace" }).getByText("won").waitFor({ timeout: 20_000 });

    // 5. One browser, one live connection: exactly one of the owner's tabs leads.
    const leaders = await Promise.all([tab1, tab2].map((p) => p.getByTestId("live-role").getAttribute("data-leader")));
    assert.deepEqual(leaders.sort(), ["false", "true"]);

    // 6. Cut the owner's network, write meanwhile, restore: nothing lost, nothing doubled.
    await owner.setOffline(true);
    for (const name of ["Ken", "Barbara", "Edsger"]) {
      const reply = await admin.request.post(`${env.platform.url}/api/workspaces/${workspaceId}/apps/${appId}/data?version=draft`, {
        data: { collection: "leads", data: { name, status: "new" } },
      });
      assert.equal(reply.status(), 201);
    }
    await admin.frameLocator("iframe").getByRole("button", { name: "Remove Linus" }).press("Enter");
    await owner.setOffline(false);
    const final = ["Agent Smith", "Barbara", "Edsger", "Grace", "Ken"];
    for (const [page, label] of [
      [tab1, "tab 1"],
      [tab2, "tab 2"],
      [admin, "admin"],
    ] as const)
      await waitForLeads(page, final, label);
    // Still so a moment later: no late replay brings a deleted lead back.
    await tab1.waitForTimeout(1500);
    for (const [page, label] of [
      [tab1, "tab 1"],
      [tab2, "tab 2"],
      [admin, "admin"],
    ] as const)
      assert.deepEqual(await leadNames(page), [...final].sort(), `${label} after settling`);
    await tab1.screenshot({ path: path.join(artifacts, "live-data-1440.png") });

    // 7. The leading tab closes: the other takes over the connection and keeps receiving.
    const leader = leaders[0] === "true" ? tab1 : tab2;
    const follower = leader === tab1 ? tab2 : tab1;
    await leader.close();
    await follower.getByTestId("live-role").and(follower.locator('[data-leader="true"]')).waitFor({ timeout: 20_000 });
    await admin.request.post(`${env.platform.url}/api/workspaces/${workspaceId}/apps/${appId}/data?version=draft`, {
      data: { collection: "leads", data: { name: "Margaret", status: "new" } },
    });
    await waitForLeads(follower, [...final, "Margaret"], "after leader handover");

    // 8. The Data Explorer lists the draft data and deletes a document; the app sees it go.
    await follower.getByRole("tab", { name: "Data" }).click();
    await follower.getByTestId("data-grid").waitFor();
    const kenRow = follower.locator("tr").filter({ hasText: "Ken" });
    await kenRow.waitFor();
    await kenRow.getByRole("button", { name: /^Actions for / }).click();
    await follower.getByRole("menuitem", { name: "Delete…" }).click();
    await follower.getByRole("dialog").getByRole("button", { name: "Delete document" }).click();
    await kenRow.waitFor({ state: "detached", timeout: 20_000 });
    await waitForLeads(admin, ["Agent Smith", "Barbara", "Edsger", "Grace", "Margaret"], "admin after explorer delete");
    await follower.screenshot({ path: path.join(artifacts, "data-explorer-1440.png") });

    // The published scope never saw any of it.
    const published = await api.get(`${env.platform.url}/api/workspaces/${workspaceId}/apps/${appId}/data?collection=leads`);
    assert.deepEqual((await published.json()).docs, []);
    await owner.close();
    await adminContext.close();
  });
});
