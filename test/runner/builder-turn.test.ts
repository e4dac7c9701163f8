import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { RunnerEvent } from "../../shared/runner/events.ts";
import { readSpecSource } from "../../container-runner/src/demo-model/spec.ts";
import { agentsJsonSchema } from "../../shared/agents/agents-json.ts";
import type { UIMessage } from "../../shared/chat/messages.ts";
import { readEvents, startRunner } from "./support/runner-harness.ts";

const text = (events: RunnerEvent[]) =>
  events
    .filter((e) => e.type === "text-delta")
    .map((e) => (e.type === "text-delta" ? e.delta : ""))
    .join("");
const tools = (events: RunnerEvent[]) => events.filter((e) => e.type === "tool-output").map((e) => (e.type === "tool-output" ? `${e.toolName}:${e.isError ? "error" : "ok"}` : ""));
const user = (id: string, said: string): UIMessage => ({ id, role: "user", parts: [{ type: "text", text: said }] });
const assistant = (id: string, said: string): UIMessage => ({ id, role: "assistant", parts: [{ type: "text", text: said }] });

describe("builder turns against the offline demo model (real @anthropic-ai/sdk through the platform, real typecheck and build)", () => {
  let runner: Awaited<ReturnType<typeof startRunner>>;
  before(async () => {
    runner = await startRunner();
  });
  after(() => runner.stop());

  const turn = (appId: string, messages: UIMessage[], signal?: AbortSignal) => runner.turn(appId, messages, null, signal);
  const files = (appId: string) => runner.files(appId);
  const specOf = async (appId: string) => {
    const read = readSpecSource((await files(appId))["src/app-spec.ts"] ?? "");
    assert.ok("spec" in read, "the app spec reads back");
    return read.spec;
  };
  const fields = async (appId: string) => (await specOf(appId)).fields.map((f) => `${f.label}:${f.kind}${f.options ? `(${f.options.join("|")})` : ""}`);

  /** Builds one app from a description and checks what every built app must be. */
  async function build(appId: string, messages: UIMessage[]) {
    const events = await readEvents(await turn(appId, messages));
    const names = tools(events);
    assert.equal(names.at(-1), "done_building:ok", `the build passes: ${names.join(", ")}\n${JSON.stringify(events.find((e) => e.type === "tool-output" && e.isError))}`);
    assert.ok(!names.slice(1).some((n) => n.endsWith(":error")), "nothing but the first spec read fails");
    const built = await files(appId);
    const html = built["dist/index.html"] ?? "";
    assert.doesNotMatch(html, /<script[^>]+src=/, "JS is inlined");
    assert.match(built["src/App.tsx"] ?? "", /useCollection<\w+>\(APP_SPEC\.collection\)/);
    assert.match(built["src/App.tsx"] ?? "", /from "@\/lib\/second-sdk"/);
    const result = events.at(-1);
    assert.equal(result?.type, "result");
    if (result?.type === "result") assert.equal(result.model, "demo model (offline)");
    return { events, built };
  }

  it("builds an expense approval table whose fields and workflow match the prompt", async () => {
    const { events, built } = await build("app_expenses", [user("m1", "expense approvals with amount, requester and status")]);
    assert.deepEqual(tools(events).slice(0, 2), ["read_file:error", "present_plan:ok"]);
    assert.deepEqual(await fields("app_expenses"), ["Amount:amount", "Requester:text", "Status:choice(pending|approved|rejected)"]);
    const spec = await specOf("app_expenses");
    assert.equal(spec.title, "Expense approvals");
    assert.equal(spec.collection, "expense_approvals");
    assert.equal(spec.layout, "table");
    assert.match(built["src/app-spec.ts"] ?? "", /amount\?: number;[\s\S]*status\?: "pending" \| "approved" \| "rejected";/);
    assert.match(built["dist/index.html"] ?? "", /expense_approvals/);
    assert.match(text(events), /Expense approvals/);
  });

  it("builds a lead tracker with a scoring agent: agents.json for its collection and a panel that starts it with useAgent", async () => {
    const { events, built } = await build("app_scored", [user("m1", "A lead tracker with an agent that scores leads")]);
    assert.ok(tools(events).includes("present_agents:ok"));
    const spec = await specOf("app_scored");
    assert.deepEqual(spec.agent, { id: "scorer", name: "Lead scorer" });
    assert.deepEqual(await fields("app_scored"), ["Name:text", "Company:text", "Email:email", "Value:amount", "Status:choice(new|contacted|qualified|won|lost)"]);
    const agents = agentsJsonSchema.parse(JSON.parse(built["agents.json"] ?? "null"));
    assert.deepEqual(
      agents.agents.map((a) => [a.id, a.name, a.dataCollections]),
      [["scorer", "Lead scorer", ["leads"]]],
    );
    assert.match(built["src/kit/AgentPanel.tsx"] ?? "", /useAgent\(agent\.id\)/);
    assert.match(built["src/App.tsx"] ?? "", /<AgentPanel /);
    assert.match(text(events), /Lead scorer, an agent that scores each lead/);
  });

  it("builds a reading log with numbers and dates", async () => {
    await build("app_reading", [user("m1", "A reading log of books with title, author, pages (number), finished on (date) and rating")]);
    const spec = await specOf("app_reading");
    assert.equal(spec.layout, "log");
    assert.equal(spec.title, "Reading log");
    assert.deepEqual(await fields("app_reading"), ["Title:text", "Author:text", "Pages:number", "Finished on:date", "Rating:number"]);
    assert.ok((await files("app_reading"))["src/kit/LogView.tsx"]);
  });

  it("builds a kanban board for support tickets with the named workflow", async () => {
    await build("app_tickets", [
      user("m1", "kanban board for support tickets with title, priority (low, medium, high), customer email, due date and status open → in progress → waiting → done"),
    ]);
    const spec = await specOf("app_tickets");
    assert.equal(spec.layout, "board");
    assert.equal(spec.statusKey, "status");
    assert.deepEqual(await fields("app_tickets"), [
      "Title:text",
      "Priority:choice(low|medium|high)",
      "Customer email:email",
      "Due date:date",
      "Status:choice(open|in progress|waiting|done)",
    ]);
  });

  it("follows up: adds and renames, then removes a field and changes the title, reading its own spec back", async () => {
    const first = [user("m1", "expense approvals with amount, requester and status"), assistant("m2", "Done. Expense approvals is built.")];
    const second = await build("app_expenses", [...first, user("m3", "Add a notes field and a paid (yes/no), and rename requester to employee")]);
    assert.deepEqual(tools(second.events).slice(0, 1), ["read_file:ok"]);
    assert.deepEqual(await fields("app_expenses"), ["Amount:amount", "Employee:text", "Status:choice(pending|approved|rejected)", "Notes:longtext", "Paid:boolean"]);
    assert.equal((await specOf("app_expenses")).fields.find((f) => f.label === "Employee")?.key, "requester", "a renamed field keeps its stored key");

    const third = await build("app_expenses", [...first, user("m3", "Add a notes field"), assistant("m4", "Done."), user("m5", "Remove notes. Change the title to Team expenses")]);
    assert.match(text(third.events), /removed Notes[\s\S]*Team expenses/);
    assert.deepEqual(await fields("app_expenses"), ["Amount:amount", "Employee:text", "Status:choice(pending|approved|rejected)", "Paid:boolean"]);
    assert.equal((await specOf("app_expenses")).title, "Team expenses");
  });

  it("says in one sentence what it cannot do, and changes nothing", async () => {
    const before = await files("app_expenses");
    const events = await readEvents(await turn("app_expenses", [user("m1", "expense approvals with amount"), assistant("m2", "Done."), user("m3", "Connect it to Salesforce")]));
    assert.deepEqual(tools(events), ["read_file:ok"]);
    const said = text(events)
      .replace(/^Let me look at the app first\./, "")
      .trim();
    assert.match(said, /^I can't do that as the offline demo model: [^.]+\)\.$/);
    assert.deepEqual(await files("app_expenses"), before);
  });

  it("keeps working after a turn is stopped mid-build", async () => {
    const controller = new AbortController();
    const response = await turn("app_stopped", [user("m1", "Build an equipment loans tracker with borrower, item, loaned on and returned?")], controller.signal);
    let seen = "";
    for await (const chunk of response.body!) {
      seen += new TextDecoder().decode(chunk);
      if (seen.includes('"toolName":"write_file"') && seen.includes('"type":"tool-output"')) break;
    }
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const status = (await (await runner.call("app_stopped", "/sessions/app_stopped/status")).json()) as { running: boolean };
    assert.equal(status.running, false, "the stopped turn is over");

    await build("app_stopped", [
      user("m1", "Build an equipment loans tracker with borrower, item, loaned on and returned?"),
      assistant("m2", "I'll build"),
      user("m3", "add a deposit amount"),
    ]);
    assert.deepEqual(await fields("app_stopped"), ["Borrower:text", "Item:text", "Loaned on:date", "Returned?:boolean", "Deposit amount:amount"]);
  });

  it("restores a workspace from the sent snapshot when it has none", async () => {
    const response = await runner.turn("app_restored", [user("m1", "Hello there"), assistant("m2", "Hi"), user("m3", "What can you do?")], {
      "src/App.tsx": "export default function App() { return null; }",
      "src/main.tsx": "",
      "index.html": "<div id=root></div>",
    });
    const events = await readEvents(response);
    assert.match(text(events), /Describe the app you want in a sentence/);
    assert.equal((await files("app_restored"))["src/App.tsx"], "export default function App() { return null; }");
  });
});
