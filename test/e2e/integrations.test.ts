import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { platformAndBrowser } from "./support/suite.ts";
import { createWorkspace, signIn } from "./support/people.ts";
import { assertNoSidewaysScroll, PHONE, shoot } from "./support/ux.ts";
import { startOAuthProviderStandIn } from "../support/oauth-provider-stand-in.ts";

const provider = await startOAuthProviderStandIn();
after(() => provider.close());
const client = { clientId: "e2e-client", clientSecret: "e2e-client-secret-value" };
await fetch(`${provider.url}/__control/clients`, { method: "POST", body: JSON.stringify(client) });

describe("integrations", () => {
  const env = platformAndBrowser({
    SECOND_DEV_TOOL_ORIGIN: provider.url,
    SECOND_TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
    // Analytics on (forwarding goes nowhere and is only logged): the setup events are asserted below.
    SECOND_POSTHOG_TOKEN: "phc_e2e",
    SECOND_POSTHOG_HOST: "http://127.0.0.1:9",
  });

  it("an admin adds an OAuth provider, a person connects and disconnects their own account, and both pages fit 390 px", async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const captured: { event: string; properties: Record<string, unknown> }[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/analytics/capture") && request.method() === "POST") captured.push(request.postDataJSON());
    });
    await signIn(page, env.platform.url, "Ada Admin", "ada@example.com");
    const ws = await createWorkspace(page, "Connected Co");

    await page.goto(`${env.platform.url}/w/${ws}/settings/integrations`);
    await page.getByText("No providers yet.").waitFor();
    await page.getByRole("button", { name: "Add provider" }).click();
    const form = page.getByRole("dialog");
    await form.getByLabel("Key").fill("crm");
    await form.getByLabel("Name").fill("Stand-in CRM");
    await form.getByLabel("API domain").fill("crm.example.com");
    // Refused by the platform, shown where it happened: a token URL without https.
    await form.getByLabel("Authorize URL").fill(`${provider.url}/oauth/authorize`);
    await form.getByLabel("Token URL").fill("http://crm.example.com/oauth/token");
    await form.getByLabel("Client ID").fill(client.clientId);
    await form.getByLabel("Client secret").fill(client.clientSecret);
    await form.getByLabel("Scopes").fill("contacts.read");
    await form.getByLabel("Scopes").press("Enter");
    await form.getByRole("button", { name: "Add provider" }).click();
    await form.getByText("The URL must use https.").waitFor();
    await form.getByLabel("Token URL").fill(`${provider.url}/oauth/token`);
    await form.getByRole("button", { name: "Add provider" }).click();
    await form.waitFor({ state: "hidden" });
    const row = page.getByTestId("oauth-provider");
    await row.getByText("0 connected").waitFor();
    const setupEvents = captured.filter((c) => c.event.startsWith("integration setup"));
    assert.deepEqual(
      setupEvents.map((c) => [c.event, c.properties.auth_mode, c.properties.kind]),
      [
        ["integration setup started", "oauth", "oauth_provider"],
        ["integration setup completed", "oauth", "oauth_provider"],
      ],
      "one start when the form opened, one completion after the refused try was corrected",
    );
    assert.ok(!(await page.content()).includes(client.clientSecret), "the client secret is never shown again");

    // The person connects their own account from the account menu.
    await page.getByRole("button", { name: "Your account" }).click();
    await page.getByRole("menuitem", { name: "Connected accounts" }).click();
    await page.getByTestId("available-provider").getByRole("link", { name: "Connect" }).click();
    await page.waitForURL(/\/connections\?oauth=connected/);
    const connection = page.getByTestId("connection");
    await connection.getByText("Connected", { exact: true }).waitFor();
    await connection.getByText(/contacts\.read/).waitFor();

    // Laid out at phone width from the start (a resize measured mid-transition says nothing).
    await page.setViewportSize(PHONE);
    await page.reload();
    await connection.getByText("Connected", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Toggle navigation" }).waitFor();
    await assertNoSidewaysScroll(page, "connected accounts");
    await shoot(page, "connections-390");
    await page.goto(`${env.platform.url}/w/${ws}/settings/integrations`);
    await row.getByText("1 connected").waitFor();
    await page.getByRole("button", { name: "Toggle navigation" }).waitFor();
    await assertNoSidewaysScroll(page, "integrations settings");
    await shoot(page, "integrations-settings-390");

    // Disconnecting asks first, then the provider is available again.
    await page.goto(`${env.platform.url}/w/${ws}/connections`);
    await connection.getByRole("button", { name: "Disconnect" }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByRole("button", { name: "Disconnect" }).click();
    await page.getByTestId("available-provider").waitFor();
    assert.equal(await page.getByTestId("connection").count(), 0);
    await context.close();
  });
});
