import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { RunnerEvent } from "../../shared/runner/events.ts";
import { agentsJsonSchema } from "../../shared/agents/agents-json.ts";
import { integrationSetupSchema, presentedIntegrationSetupSchema } from "../../shared/integrations/setup.ts";
import type { UIMessage } from "../../shared/chat/messages.ts";
import { describeApp } from "../../container-runner/src/demo-model/describe.ts";
import { readEvents, startRunner } from "./support/runner-harness.ts";

const user = (id: string, said: string): UIMessage => ({ id, role: "user", parts: [{ type: "text", text: said }] });
const outputs = (events: RunnerEvent[]) => events.flatMap((e) => (e.type === "tool-output" ? [e] : []));

describe("the demo model asks for a CRM integration when the description names one", () => {
  it("reads the CRM phrase, an optional API origin, and refuses unusable domains", () => {
    const plain = describeApp("A contact list that syncs contacts with our CRM at crm.example.com");
    assert.equal(plain?.title, "Contact list");
    assert.deepEqual(plain?.integration, { domain: "crm.example.com", apiOrigin: "https://crm.example.com", toolName: "crm_lookup" });
    const local = describeApp("a contact list with name and email, that syncs contacts with our CRM at CRM.Example.com (API at http://127.0.0.1:8799/ignored)");
    assert.deepEqual(local?.integration, { domain: "crm.example.com", apiOrigin: "http://127.0.0.1:8799", toolName: "crm_lookup" });
    assert.deepEqual(
      local?.fields.map((f) => f.label),
      ["Name", "Email"],
      "the phrase is not read as fields",
    );
    for (const unusable of ["127.0.0.1", "169.254.169.254"]) {
      const spec = describeApp(`A contact list that syncs contacts with our CRM at ${unusable}`);
      assert.equal(spec?.integration, undefined, unusable);
    }
    assert.equal(describeApp("A contact list with name and email")?.integration, undefined);
  });

  let runner: Awaited<ReturnType<typeof startRunner>>;
  before(async () => {
    runner = await startRunner();
  });
  after(() => runner.stop());

  it("writes integration-setup.json and an agents.json app tool, presents both, and builds a lookup that calls the tool through the SDK", async () => {
    const events = await readEvents(await runner.turn("app_crm", [user("m1", "A contact list that syncs contacts with our CRM at crm.example.com")], null));
    const done = outputs(events);
    assert.deepEqual(
      done.map((e) => `${e.toolName}:${e.isError ? "error" : "ok"}`).filter((n) => !n.startsWith("write_file")),
      ["read_file:error", "present_plan:ok", "present_integration_setup:ok", "present_agents:ok", "done_building:ok", "show_suggestions:ok"],
    );
    // The card's payload, exactly what the run object hands to applyPresentedSetup.
    const presented = presentedIntegrationSetupSchema.parse(done.find((e) => e.toolName === "present_integration_setup")?.output);
    assert.deepEqual(
      presented.setup.integrations.map((i) => [i.domain, i.authMode, i.secrets.map((s) => s.name)]),
      [["crm.example.com", "api_key", ["apiKey"]]],
    );

    const built = await runner.files("app_crm");
    assert.deepEqual(integrationSetupSchema.parse(JSON.parse(built["integration-setup.json"] ?? "null")), presented.setup);
    const agents = agentsJsonSchema.parse(JSON.parse(built["agents.json"] ?? "null"));
    assert.deepEqual(agents.agents, []);
    assert.deepEqual(
      agents.appTools.map((t) => [t.name, t.integration.domain, t.endpoint.method, t.endpoint.url, t.endpoint.headers]),
      [["crm_lookup", "crm.example.com", "GET", "https://crm.example.com/contacts?email={{input.email}}", { "x-api-key": "{{secrets.apiKey}}" }]],
    );
    assert.match(built["src/kit/CrmLookup.tsx"] ?? "", /callIntegrationTool\(integration\.toolName, \{ email/);
    assert.match(built["src/App.tsx"] ?? "", /<CrmLookup integration=\{APP_SPEC\.integration\} \/>/);
    assert.match(built["dist/index.html"] ?? "", /Look up in CRM/, "the lookup is in the built app");
  });
});
