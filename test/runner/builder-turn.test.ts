import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { readEvents, startRunner, userSays } from "./support/runner-harness.ts";
import { plantSecret } from "./support/hostile-workspace.ts";

describe("builder turn against the offline demo model (real @anthropic-ai/sdk, through the platform)", () => {
  let runner: Awaited<ReturnType<typeof startRunner>>;
  before(async () => {
    runner = await startRunner();
  });
  after(() => runner.stop());

  it("plans, writes, fails the typecheck, fixes it, builds a self-contained app and reports usage", async () => {
    const response = await runner.turn("app_demo", [userSays("Build me a lead tracker for the sales team")]);
    assert.equal(response.status, 200);
    const events = await readEvents(response);

    const tools = events.filter((e) => e.type === "tool-output").map((e) => `${e.toolName}:${e.isError ? "error" : "ok"}`);
    assert.deepEqual(tools, ["present_plan:ok", "write_file:ok", "done_building:error", "edit_file:ok", "done_building:ok"]);
    const failure = events.find((e) => e.type === "tool-output" && e.toolName === "done_building" && e.isError);
    assert.match(String(failure?.type === "tool-output" ? failure.output : ""), /Typecheck failed[\s\S]*TS2322/);
    const text = events.filter((e) => e.type === "text-delta").map((e) => e.delta).join("");
    assert.match(text, /lead tracker is ready/);
    const inputs = events.filter((e) => e.type === "tool-input-delta");
    assert.ok(inputs.length > 0, "tool input streams in pieces");
    const result = events.at(-1);
    assert.equal(result?.type, "result");
    if (result?.type === "result") assert.ok(result.usage.outputTokens > 0);
    // Every model call went to the platform with the turn's capability, bound to this app.
    assert.equal(runner.platform.calls.length, 4, "plan, write and build, fix and build, sum up");
    assert.ok(runner.platform.calls.every((c) => c.purpose === "builder-turn" && c.app === "app_demo"));

    const files = await runner.files("app_demo");
    const html = files["dist/index.html"] ?? "";
    assert.match(html, /Lead tracker/);
    assert.doesNotMatch(html, /<script[^>]+src=/, "JS is inlined");
    assert.doesNotMatch(html, /<link[^>]+stylesheet/, "CSS is inlined");
    assert.ok(!Object.keys(files).some((f) => f.startsWith("node_modules") || f.startsWith(".second")));
    const status = (await (await runner.call("app_demo", "/sessions/app_demo/status")).json()) as { active: boolean; running: boolean };
    assert.deepEqual({ active: status.active, running: status.running }, { active: true, running: false });
  });

  it("restores a workspace from the sent snapshot when it has none", async () => {
    const response = await runner.turn(
      "app_restored",
      [userSays("Build it"), { id: "m2", role: "assistant", parts: [{ type: "text", text: "Done" }] }, userSays("Now add a filter")],
      { "src/App.tsx": "export default function App() { return null; }", "src/main.tsx": "", "index.html": "<div id=root></div>" },
    );
    const events = await readEvents(response);
    assert.match(events.filter((e) => e.type === "text-delta").map((e) => e.type === "text-delta" && e.delta).join(""), /offline demo model/);
    const files = await runner.files("app_restored");
    assert.equal(files["src/App.tsx"], "export default function App() { return null; }");
  });

  it("refuses the build of an app whose source reads the runner's files, and no secret reaches a snapshot or the chat", async () => {
    const secret = await plantSecret();
    // What a runner holding a secret in its environment looks like to /proc/self/environ.
    process.env.SECOND_TEST_CANARY = secret.value;
    try {
      const main = await readFile("container-runner/template/src/main.tsx", "utf8");
      const hostileMain = `import env from "../../../../../../../../proc/self/environ?raw";\nimport other from "${secret.dir}/secret.txt?raw";\nconsole.log(env, other);\n${main}`;
      const response = await runner.turn("app_hostile", [userSays("Build me a lead tracker")], {
        "src/main.tsx": hostileMain,
        "src/index.css": `@import "tailwindcss";\n.a { background: url("${secret.dir}/secret.txt"); }\n`,
        "index.html": (await readFile("container-runner/template/index.html", "utf8")).replace("</head>", `<link rel="icon" href="${secret.dir}/secret.txt"></head>`),
      });
      const events = await readEvents(response);
      const builds = events.filter((e) => e.type === "tool-output" && e.toolName === "done_building");
      assert.ok(builds.length > 0 && builds.every((e) => e.type === "tool-output" && e.isError), "every build of the hostile app is refused");
      assert.match(JSON.stringify(builds), /refused/);
      assert.ok(!secret.leaksInto(JSON.stringify(events)), "no secret in the turn's events");
      const files = await runner.files("app_hostile");
      assert.equal(files["dist/index.html"], undefined, "nothing was built");
      assert.ok(!secret.leaksInto(JSON.stringify(files)), "no secret in the workspace the platform would save");
    } finally {
      delete process.env.SECOND_TEST_CANARY;
      await secret.remove();
    }
  });
});
