import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { readEvents, startRunner, userSays } from "./support/runner-harness.ts";
import { plantSecret } from "./support/hostile-workspace.ts";

describe("a builder turn on a hostile app (real @anthropic-ai/sdk, demo model, jailed build)", () => {
  let runner: Awaited<ReturnType<typeof startRunner>>;
  before(async () => {
    runner = await startRunner();
  });
  after(() => runner.stop());

  it("refuses the build of an app whose source reads the runner's files, and no secret reaches a snapshot or the chat", async () => {
    const secret = await plantSecret();
    // What a runner holding a secret in its environment looks like to /proc/self/environ.
    process.env.SECOND_TEST_CANARY = secret.value;
    try {
      const main = await readFile("container-runner/template/src/main.tsx", "utf8");
      const hostileMain = `import env from "../../../../../proc/self/environ?raw";\nimport other from "${secret.dir}/secret.txt?raw";\nconsole.log(env, other);\n${main}`;
      const template = async (file: string) => readFile(`container-runner/template/${file}`, "utf8");
      const response = await runner.turn("app_hostile", [userSays("A reading log of books with title, author, pages (number), finished on (date) and rating")], {
        "package.json": await template("package.json"),
        "src/lib/second-sdk.ts": await template("src/lib/second-sdk.ts"),
        "src/vite-env.d.ts": await template("src/vite-env.d.ts"),
        "src/App.tsx": await template("src/App.tsx"),
        "src/main.tsx": hostileMain,
        "src/index.css": `@import "tailwindcss";\n.a { background: url("${secret.dir}/secret.txt"); }\n`,
        "index.html": (await template("index.html")).replace("</head>", `<link rel="icon" href="${secret.dir}/secret.txt"></head>`),
      });
      const events = await readEvents(response);
      const builds = events.filter((e) => e.type === "tool-output" && e.toolName === "done_building");
      assert.ok(builds.length > 0, "the demo model built the app");
      assert.ok(
        builds.every((e) => e.type === "tool-output" && e.isError),
        "every build of the hostile app is refused",
      );
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
