import { describe, it } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { artifacts } from "./support/platform.ts";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";

describe("live workspace settings across two people", () => {
  const env = platformAndBrowser();

  it("shows the member their new role without a reload when the owner changes it", async () => {
    const ownerContext = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const memberContext = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const owner = await ownerContext.newPage();
    const member = await memberContext.newPage();

    await signIn(owner, env.platform.url, "Olive Owner", "olive@example.com");
    const workspaceId = await createWorkspace(owner, "Live Co");
    await owner.goto(`${env.platform.url}/w/${workspaceId}/settings/members`);
    await owner.getByLabel("Name").fill("Max Member");
    await owner.getByLabel("Email").fill("max@example.com");
    await owner.getByRole("button", { name: "Add", exact: true }).click();
    await owner.getByTestId("member-max@example.com").waitFor();

    await signIn(member, env.platform.url, "Max Member", "max@example.com");
    await member.waitForURL(new RegExp(`/w/${workspaceId}$`));
    await member.goto(`${env.platform.url}/w/${workspaceId}/settings/members`);
    const maxRow = member.getByTestId("member-max@example.com");
    await maxRow.getByTestId("role-badge").getByText("member").waitFor();
    await member.getByTestId("live-status").getByText("Live").waitFor();
    let reloaded = false;
    member.on("load", () => (reloaded = true));

    await owner.getByRole("combobox", { name: "Role of Max Member" }).click();
    await owner.getByRole("option", { name: "Admin" }).click();

    // The member's page changes by itself: now an admin, they see role pickers instead of badges.
    const picker = member.getByRole("combobox", { name: "Role of Max Member" });
    await picker.waitFor({ timeout: 15_000 });
    // The role (me) and the member list are separate queries; both follow the same event.
    const deadline = Date.now() + 15_000;
    while ((await picker.inputValue()) !== "Admin" && Date.now() < deadline) await member.waitForTimeout(50);
    assert.equal(await picker.inputValue(), "Admin");
    assert.equal(reloaded, false, "the member's page did not reload");
    await member.screenshot({ path: path.join(artifacts, "members-live-1440.png") });
    await ownerContext.close();
    await memberContext.close();
  });
});
