import { describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import type { Page } from "playwright-core";
import { artifacts, screenshotOnFailure } from "./support/platform.ts";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";
import type { AppAgentRun } from "../../shared/agents/agent-run.ts";

const frame = (page: Page) => page.frameLocator("iframe");
const scoreOf = (page: Page, name: string) => frame(page).getByTestId("agent-score").filter({ hasText: name });

/** Adds a lead through the app's own form (keyboard: the frame may still move while the shell settles). */
async function addLead(page: Page, name: string, company: string) {
  await frame(page).getByLabel("Name", { exact: true }).fill(name);
  await frame(page).getByLabel("Company").fill(company);
  await frame(page).getByLabel("Company").press("Enter");
  await frame(page).getByTestId("entry").filter({ hasText: name }).waitFor({ timeout: 20_000 });
}

/** Starts the app's agent from inside the app (useAgent), with instructions that keep it running until `until` arrives. */
async function runAgentUntil(page: Page, until: string) {
  await frame(page)
    .getByLabel(/Instructions for Lead scorer/)
    .fill(`Score new leads until ${until} arrives`);
  await frame(page)
    .getByLabel(/Instructions for Lead scorer/)
    .press("Enter");
  await frame(page).getByTestId("agent-status").getByText("running").waitFor({ timeout: 20_000 });
}

describe("app agents, started from the app", () => {
  const env = platformAndBrowser();

  it("the demo-built app starts its agent through useAgent; its writes arrive live in two tabs; closing the tab does not stop it; the drawer replays it; the published app runs its published agent", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const tab1 = await context.newPage();
    await signIn(tab1, env.platform.url, "Olive Owner", "olive@example.com");
    const workspaceId = await createWorkspace(tab1, "Agents Co");
    let tab2: Page | null = null;
    await screenshotOnFailure({ tab1 }, async () => {
      // The offline demo model builds the app with its agent and presents agents.json for approval.
      await tab1.getByLabel("What do you want to build?").fill("A lead tracker with an agent that scores leads");
      await tab1.getByRole("button", { name: "Create app" }).click();
      await tab1.waitForURL(/\/apps\/app_/);
      await tab1.getByText("The preview shows the new version").waitFor({ timeout: 120_000 });
      await tab1.getByText(/Agents \(1\) — an admin approves them/).waitFor();
      const appUrl = tab1.url();
      const appId = /\/apps\/([^/?]+)/.exec(appUrl)?.[1];
      assert.ok(appId);

      // Before approval the app's trigger is refused, with the reason in the app.
      await frame(tab1).getByRole("heading", { name: "Lead tracker" }).waitFor({ timeout: 20_000 });
      await frame(tab1).getByRole("button", { name: "Run Lead scorer" }).press("Enter");
      await frame(tab1)
        .getByRole("alert")
        .getByText(/not approved/)
        .waitFor({ timeout: 20_000 });

      await tab1.getByRole("tab", { name: "Agents" }).click();
      await tab1.getByRole("button", { name: "Approve this configuration" }).click();
      await tab1.getByText(/^Approved/).waitFor({ timeout: 20_000 });
      await tab1.getByRole("tab", { name: "Preview" }).click();
      await addLead(tab1, "Ada Lovelace", "Analytical Engines");

      tab2 = await context.newPage();
      await tab2.goto(appUrl);
      await frame(tab2).getByTestId("entry").filter({ hasText: "Ada Lovelace" }).waitFor({ timeout: 20_000 });

      // Run 1: the frame shows running; the score the agent writes appears in both tabs; a lead added
      // in the other tab is what it waits for; then the frame shows completed.
      await runAgentUntil(tab1, "Zed Last");
      for (const page of [tab1, tab2]) await scoreOf(page, "Ada Lovelace").waitFor({ timeout: 30_000 });
      assert.equal(await frame(tab1).getByTestId("agent-status").textContent(), "running", "the agent is still waiting for Zed Last");
      await addLead(tab2, "Zed Last", "Omega");
      for (const page of [tab1, tab2]) await scoreOf(page, "Zed Last").waitFor({ timeout: 30_000 });
      // Workspace events bring the end; the bridge's slow watchdog poll would catch a missed one.
      await frame(tab1).getByTestId("agent-status").getByText("completed").waitFor({ timeout: 45_000 });
      await frame(tab1)
        .getByText(/scored 2 documents in leads/)
        .waitFor();
      await tab1.screenshot({ path: path.join(artifacts, "agent-run-in-app-1440.png") });

      // Run 2: started in tab 1, which closes while the run waits; the run goes on and finishes.
      await runAgentUntil(tab1, "Yara");
      const runs = async () =>
        ((await (await tab2!.request.get(`${env.platform.url}/api/workspaces/${workspaceId}/apps/${appId}/agent-runs`)).json()) as { runs: AppAgentRun[] }).runs;
      const second = (await runs())[0];
      assert.equal(second?.status, "running");
      await tab1.close();
      await addLead(tab2, "Yara Young", "Yottabyte");
      await scoreOf(tab2, "Yara Young").waitFor({ timeout: 30_000 });
      let finished: AppAgentRun | undefined;
      for (let i = 0; i < 100 && finished?.status !== "completed"; i++) {
        if (i > 0) await tab2.waitForTimeout(200);
        finished = (await runs()).find((r) => r.id === second!.id);
      }
      assert.equal(finished?.status, "completed", `the run outlived its tab: ${JSON.stringify(finished)}`);

      // The Agents tab's drawer replays the finished run from its start.
      await tab2.getByRole("tab", { name: "Agents" }).click();
      const rows = tab2.getByTestId("agent-run-row");
      await rows.first().waitFor({ timeout: 20_000 });
      assert.equal(await rows.count(), 2);
      await rows.first().click();
      const replay = tab2.getByTestId("agent-run-events");
      await replay.getByText(/Completed · \d+ tool calls/).waitFor({ timeout: 20_000 });
      const lines = (await replay.locator(":scope > *").allTextContents()).map((t) => t.trim()).filter(Boolean);
      assert.match(lines[0] ?? "", /^Started scorer \(draft\)/, lines.join("\n"));
      assert.ok(
        lines.some((l) => /Waiting for .Yara/.test(l)),
        "the replay holds the waiting steps",
      );
      assert.match(lines.at(-1) ?? "", /^Completed/);
      await tab2.screenshot({ path: path.join(artifacts, "agent-run-drawer-1440.png") });
      await tab2.setViewportSize({ width: 390, height: 844 });
      await tab2.screenshot({ path: path.join(artifacts, "agent-run-drawer-390.png") });

      // Published: the host page carries the agent bridge; the app starts its published agent on published data.
      const ws = `${env.platform.url}/api/workspaces/${workspaceId}`;
      const team: string = (await (await tab2.request.post(`${ws}/teams`, { data: { name: "Sales" } })).json()).team.id;
      const publish = await tab2.request.post(`${ws}/apps/${appId}/publish`, { data: { teamIds: [team] } });
      assert.equal(publish.status(), 200, await publish.text());
      const hosted = await context.newPage();
      await hosted.goto(`${env.platform.url}/a/${appId}/`);
      await frame(hosted).getByRole("heading", { name: "Lead tracker" }).waitFor({ timeout: 20_000 });
      await addLead(hosted, "Published Pat", "Public Co");
      await frame(hosted).getByRole("button", { name: "Run Lead scorer" }).press("Enter");
      await scoreOf(hosted, "Published Pat").waitFor({ timeout: 30_000 });
      await frame(hosted).getByTestId("agent-status").getByText("completed").waitFor({ timeout: 45_000 });
      const latest = (await runs())[0];
      assert.equal(latest?.version, "published");
      const draftNames = ((await (await tab2.request.get(`${ws}/apps/${appId}/data?collection=leads&version=draft`)).json()) as { docs: { name: string }[] }).docs.map(
        (d) => d.name,
      );
      assert.ok(!draftNames.includes("Published Pat"), "the draft data never saw the published lead");
      await hosted.screenshot({ path: path.join(artifacts, "agent-run-published-1440.png") });

      // Unpublished from the Publishing tab: the host page says so and the published agent no longer runs.
      await tab2.setViewportSize({ width: 1440, height: 900 });
      await tab2.keyboard.press("Escape");
      await tab2.getByRole("tab", { name: "Versions" }).click();
      await tab2.getByRole("button", { name: "Unpublish…" }).click();
      await tab2.screenshot({ path: path.join(artifacts, "unpublish-confirm-1440.png") });
      await tab2.getByRole("button", { name: "Unpublish", exact: true }).click();
      await hosted.getByText("This app has no published version.").waitFor({ timeout: 20_000 });
      const refused = await tab2.request.post(`${ws}/apps/${appId}/agent-runs`, { data: { agentId: "scorer", version: "published" } });
      assert.equal(refused.status(), 409);
    });
    await context.close();
  });
});
