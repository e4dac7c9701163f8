import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runTool } from "../../container-runner/src/builder/tools.ts";
import { integrationSetupSchema, presentedIntegrationSetupSchema } from "../../shared/integrations/setup.ts";

/** present_integration_setup: the runner validates the file, writes it and hands the card its payload. */
describe("present_integration_setup", () => {
  const crm = {
    domain: "API.Crm.Example.com",
    authMode: "api_key",
    displayName: "CRM",
    permissionGroups: ["Read contacts"],
    setupSteps: ["Create an API key in the CRM"],
    secrets: [{ name: "apiKey", label: "API key" }],
  };

  it("writes integration-setup.json and answers the validated setup for the chat card", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "second-setup-"));
    const outcome = await runTool(dir, "present_integration_setup", { integrations: [crm] });
    assert.equal(outcome.isError, false);
    const presented = presentedIntegrationSetupSchema.parse(outcome.output);
    assert.equal(presented.setup.integrations[0]?.domain, "api.crm.example.com");
    assert.equal(presented.setup.integrations[0]?.keySlug, "default");
    const written = integrationSetupSchema.parse(JSON.parse(await readFile(path.join(dir, "integration-setup.json"), "utf8")));
    assert.deepEqual(written, presented.setup);
  });

  it("refuses IP addresses, URLs and ports as domains, duplicates, and static auth without a secret", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "second-setup-"));
    for (const integrations of [
      [{ ...crm, domain: "127.0.0.1" }],
      [{ ...crm, domain: "2130706433" }],
      [{ ...crm, domain: "https://api.crm.example.com" }],
      [{ ...crm, domain: "api.crm.example.com:8443" }],
      [{ ...crm, domain: "localhost" }],
      [crm, { ...crm, domain: "api.crm.example.com" }],
      [{ ...crm, secrets: [] }],
      [{ ...crm, secrets: [crm.secrets[0], crm.secrets[0]] }],
      [{ ...crm, authMode: "basic" }],
      [{ ...crm, extra: true }],
    ]) {
      const outcome = await runTool(dir, "present_integration_setup", { integrations });
      assert.equal(outcome.isError, true, JSON.stringify(integrations));
    }
    await assert.rejects(readFile(path.join(dir, "integration-setup.json"), "utf8"), "nothing was written");
  });
});
