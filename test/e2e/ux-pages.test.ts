import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";
import { DESKTOP, PHONE, appWithBuiltDraft, assertNoSidewaysScroll, shoot } from "./support/ux.ts";
import { ok, pageApi } from "./support/api.ts";

describe("the pages people use, at 1440 and 390 wide", () => {
  const env = platformAndBrowser();

  it("confirms destructive actions, keeps Save still, and lets a deleted app be restored (item 4)", async () => {
    const context = await env.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, env.platform.url, "Dana Deleter", "dana@example.com");
    const ws = await createWorkspace(page, "Careful Co");
    const api = pageApi(env.platform.url, page).workspaces[":wId"];
    const param = { wId: ws };
    const { app } = await ok(api.apps.$post({ param, json: { name: "Expense approvals", description: "Approve expenses" } }));

    // The tab is in the URL: Settings opens directly.
    await page.goto(`${env.platform.url}/w/${ws}/apps/${app.id}?tab=settings`);
    const save = page.getByRole("button", { name: "Save" });
    await save.waitFor();
    await page.getByText("17 / 80 characters").waitFor();
    await page.getByLabel("Description").fill("Approve expenses over 100 EUR");
    const before = await save.boundingBox();
    await save.click();
    await page.getByText("Saved").waitFor();
    const after = await save.boundingBox();
    assert.deepEqual(after, before, "Save does not move after saving");
    const deleteButton = await page.getByRole("button", { name: "Delete app…" }).boundingBox();
    assert.ok(deleteButton && before && deleteButton.y > before.y + before.height + 40, "Delete sits well away from Save");
    await shoot(page, "app-settings");

    // Deleting needs the name typed; a double click on Save can never reach it.
    await page.getByRole("button", { name: "Delete app…" }).click();
    const confirm = page.getByRole("dialog").getByRole("button", { name: "Delete app" });
    assert.equal(await confirm.isDisabled(), true);
    await page.getByLabel(/Type Expense approvals to confirm/).fill("Expense approvals");
    await shoot(page, "delete-app-dialog");
    await confirm.click();
    await page.waitForURL(new RegExp(`/w/${ws}$`));
    await page.getByText("Expense approvals was deleted").waitFor();
    const recently = page.getByTestId("deleted-apps");
    await recently.getByText("Expense approvals").waitFor();
    assert.equal((await ok(api.apps.$get({ param }))).apps.length, 0);
    await recently.getByRole("button", { name: "Restore Expense approvals" }).click();
    await page.locator("a").filter({ hasText: "Expense approvals" }).first().waitFor();
    assert.equal((await ok(api.apps.$get({ param }))).apps.length, 1);

    // Removing a member asks first; Cancel keeps them.
    await ok(api.members.$post({ param, json: { email: "rob@example.com", displayName: "Rob Removable", role: "member" } }));
    await page.goto(`${env.platform.url}/w/${ws}/settings/members`);
    await page.getByRole("button", { name: "Remove Rob Removable" }).click();
    await page.getByRole("dialog").getByText("loses access to this workspace").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await page.getByTestId("member-rob@example.com").waitFor();
    await page.getByRole("button", { name: "Remove Rob Removable" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await page.getByTestId("member-rob@example.com").waitFor({ state: "detached" });
    await context.close();
  });

  it("shows limits up front, caps the prompt box, and answers with human messages (item 6)", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await env.browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, env.platform.url, "Lim Its", `limits.${viewport.width}@example.com`);
      const ws = await createWorkspace(page, `Limits ${viewport.width}`);
      const box = page.getByLabel("What do you want to build?");
      await page.getByText("2,000 characters").first().waitFor({ state: "attached" });
      await box.fill("x".repeat(10_000));
      assert.equal((await box.inputValue()).length, 2000, "the box stops at the limit");
      await page.getByText("2,000 / 2,000 characters").waitFor();
      const height = (await box.boundingBox())?.height ?? 0;
      assert.ok(height < 320, `the box stays on screen (${height}px tall)`);
      await assertNoSidewaysScroll(page, "home with a long prompt");
      await shoot(page, "home-long-prompt");
      // The API's own answer is a sentence, not validator text.
      const refused = await page.request.post(`${env.platform.url}/api/workspaces/${ws}/apps`, { data: { name: "Long", description: "y".repeat(2001) } });
      assert.equal(refused.status(), 400);
      const message: string = (await refused.json()).error.message;
      assert.equal(message, "Description: Use at most 2,000 characters.");
      assert.doesNotMatch(message, /Too big|expected string/);
      await context.close();
    }
  });

  it("edits data in a grid that fits, sorts, edits inline by type, and deletes the row it shows (item 12)", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await env.browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, env.platform.url, "Gridda", `grid.${viewport.width}@example.com`);
      const ws = await createWorkspace(page, `Grid ${viewport.width}`);
      const appId = await appWithBuiltDraft(env.platform, page, ws, "Lead tracker");
      const data = pageApi(env.platform.url, page).workspaces[":wId"].apps[":aId"].data;
      const param = { wId: ws, aId: appId };
      const leads = [
        { name: "Ada", company: "Engines", status: "new", value: 300, hot: true },
        { name: "Grace", company: "Navy", status: "won", value: 100, hot: false },
        { name: "Linus", company: "Kernel", status: "lost", value: 200, hot: false },
      ];
      const ids: Record<string, string> = {};
      for (const lead of leads) ids[lead.name] = (await ok(data.$post({ param, query: { version: "draft" }, json: { collection: "leads", data: lead } }))).doc._id;

      await page.goto(`${env.platform.url}/w/${ws}/apps/${appId}?tab=data`);
      const grid = page.getByTestId("data-grid");
      await grid.getByText("Linus").waitFor();
      await assertNoSidewaysScroll(page, "data tab");
      // Every row's actions are on screen without scrolling sideways.
      for (const name of Object.keys(ids)) {
        const actions = await page.getByRole("button", { name: `Actions for ${ids[name]}` }).boundingBox();
        assert.ok(actions && actions.x + actions.width <= viewport.width, `actions of ${name} are on screen at ${viewport.width}`);
      }
      await shoot(page, "data-grid");

      // Sort by value (ascending): Grace, Linus, Ada.
      await page.getByRole("button", { name: "Sort by value" }).click();
      const order = async () => (await grid.locator("tbody tr").allTextContents()).map((t) => ["Ada", "Grace", "Linus"].find((n) => t.includes(n)));
      assert.deepEqual(await order(), ["Grace", "Linus", "Ada"]);

      // Inline, typed edits: a number and a boolean.
      await page.getByRole("button", { name: `Edit value of …${ids.Linus!.slice(-6)}` }).click();
      const input = page.getByRole("textbox", { name: `Edit value of …${ids.Linus!.slice(-6)}` });
      await input.fill("50");
      await input.press("Enter");
      await page.waitForFunction(() => document.querySelectorAll("tbody tr")[0]?.textContent?.includes("Linus"));
      await page.getByRole("switch", { name: `Edit hot of …${ids.Grace!.slice(-6)}` }).click({ force: true });
      const stored = async (name: string) => (await ok(data[":docId"].$get({ param: { ...param, docId: ids[name]! }, query: { version: "draft", collection: "leads" } }))).doc;
      for (let i = 0; i < 50 && (await stored("Grace")).hot !== true; i++) await page.waitForTimeout(100);
      assert.equal((await stored("Linus")).value, 50, "a number stays a number");
      assert.equal((await stored("Grace")).hot, true);

      // After the re-sort, deleting Grace deletes Grace (by id), after a confirmation.
      await page.getByRole("button", { name: `Actions for ${ids.Grace}` }).click();
      await page.getByRole("menuitem", { name: "Delete…" }).click();
      await page.getByRole("dialog").getByText(ids.Grace!).waitFor();
      await page.getByRole("dialog").getByRole("button", { name: "Delete document" }).click();
      await grid.getByText("Grace").waitFor({ state: "detached" });
      const left = (await ok(data.$get({ param, query: { version: "draft", collection: "leads" } }))).docs.map((d) => d.name).sort();
      assert.deepEqual(left, ["Ada", "Linus"]);

      // JSON view as an option.
      await page
        .locator("label")
        .filter({ hasText: /^JSON$/ })
        .click();
      await page.getByTestId("data-json").getByText('"company": "Kernel"').waitFor();
      await context.close();
    }
  });
});
