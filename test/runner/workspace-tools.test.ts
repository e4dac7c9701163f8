import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runTool } from "../../container-runner/src/builder/tools.ts";
import { prepareWorkspace } from "../../container-runner/src/build/app-workspace.ts";
import { platformModules } from "../../container-runner/src/build/platform-paths.ts";
import { freshWorkspace, plantSecret } from "./support/hostile-workspace.ts";

/** The builder's file tools stay inside the app's own files, whatever path or symlink it names. */
describe("builder file tools", () => {
  let secret: Awaited<ReturnType<typeof plantSecret>>;
  let dir = "";
  before(async () => {
    secret = await plantSecret();
    dir = await freshWorkspace(await mkdtemp(path.join(tmpdir(), "second-tools-")), "app_tools");
  });
  after(() => secret.remove());

  it("refuses writes into the shared node_modules and .second, however the path is spelled", async () => {
    const before = await readdir(platformModules);
    for (const target of [
      "node_modules/evil.js",
      "./node_modules/evil.js",
      "src/../node_modules/evil.js",
      "./.second/protocol.ts",
      ".second/x.ts",
      "tsconfig.json",
      "./tsconfig.json",
    ]) {
      const outcome = await runTool(dir, "write_file", { path: target, content: "export const owned = true;" });
      assert.equal(outcome.isError, true, target);
    }
    assert.deepEqual(await readdir(platformModules), before, "the platform's node_modules is unchanged");
    assert.doesNotMatch(await readFile(path.join(dir, ".second", "protocol.ts"), "utf8"), /owned/);
    assert.equal((await runTool(dir, "edit_file", { path: "./node_modules/react/package.json", old_text: "react", new_text: "owned" })).isError, true);
    assert.equal((await runTool(dir, "delete_file", { path: "./node_modules/react/package.json" })).isError, true);
    assert.ok(await stat(path.join(platformModules, "react", "package.json")));
  });

  it("does not read or write through a symlink that leads out", async () => {
    await symlink(secret.dir, path.join(dir, "src", "outside"));
    await symlink(path.join(secret.dir, "secret.txt"), path.join(dir, "src", "notes.txt"));
    for (const target of ["src/outside/secret.txt", "src/notes.txt"]) {
      const read = await runTool(dir, "read_file", { path: target });
      assert.equal(read.isError, true, target);
      assert.ok(!secret.leaksInto(String(read.output)));
      assert.equal((await runTool(dir, "write_file", { path: target, content: "x" })).isError, true);
    }
    assert.equal(await readFile(path.join(secret.dir, "secret.txt"), "utf8"), secret.value);
  });

  it("still reads and writes the app's own files", async () => {
    assert.equal((await runTool(dir, "write_file", { path: "./src/components/List.tsx", content: "export const List = 1;\n" })).isError, false);
    assert.equal((await runTool(dir, "read_file", { path: "src/components/List.tsx" })).output, "export const List = 1;\n");
  });

  it("refuses a stored snapshot that names files outside the app's own files", async () => {
    const target = path.join(await mkdtemp(path.join(tmpdir(), "second-restore-")), "app");
    await assert.rejects(prepareWorkspace(target, { "node_modules/react/index.js": "owned", "src/App.tsx": "x" }), /outside the app's own files/);
    assert.doesNotMatch(await readFile(path.join(platformModules, "react", "index.js"), "utf8"), /owned/);
  });
});
