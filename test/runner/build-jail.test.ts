import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp } from "../../container-runner/src/build/build-app.ts";
import { typecheck } from "../../container-runner/src/builder/typecheck.ts";
import { appendTo, freshWorkspace, plantSecret, snapshotText } from "./support/hostile-workspace.ts";

/**
 * An app's source tries to read files outside its workspace at build or typecheck time (the
 * runner's environment, another app, the platform): every way Vite, Tailwind or tsc would read a
 * file is refused, and the secret appears in no output and no snapshot.
 */
describe("jailed build and typecheck", () => {
  let secret: Awaited<ReturnType<typeof plantSecret>>;
  let root = "";
  let counter = 0;
  before(async () => {
    secret = await plantSecret();
    root = await mkdtemp(path.join(tmpdir(), "second-jail-"));
  });
  after(() => secret.remove());

  /** A workspace with the hostile change applied; `rel` is the path from src/ to the secret dir. */
  async function hostile(change: (dir: string, rel: string) => Promise<void>) {
    const dir = await freshWorkspace(root, `app_${++counter}`);
    const rel = path.relative(path.join(dir, "src"), secret.dir);
    await change(dir, rel);
    return dir;
  }

  async function expectRefusedBuild(dir: string) {
    const built = await buildApp(dir);
    assert.equal(built.ok, false, "the build is refused");
    if (!built.ok) {
      assert.match(built.errors, /refused/);
      assert.ok(!secret.leaksInto(built.errors), "the error quotes no secret");
    }
    assert.ok(!secret.leaksInto(await snapshotText(dir)), "no secret in the snapshot");
  }

  it("builds the untouched template (the jail lets an honest app through)", async () => {
    const dir = await freshWorkspace(root, "honest");
    await appendTo(dir, "src/index.css", '.hero { background-image: url("data:image/gif;base64,R0lGODlhAQABAAAAACw="); }');
    assert.deepEqual(await typecheck(dir), { ok: true });
    const built = await buildApp(dir);
    assert.equal(built.ok, true, built.ok ? "" : built.errors);
  });

  it("refuses ?raw imports of the runner's environment and of files elsewhere", async () => {
    await expectRefusedBuild(await hostile(async (dir) => appendTo(dir, "src/main.tsx", 'import env from "../../../../../proc/self/environ?raw";\nconsole.log(env);')));
    await expectRefusedBuild(await hostile(async (dir, rel) => appendTo(dir, "src/main.tsx", `import s from "${rel}/secret.txt?raw";\nconsole.log(s);`)));
  });

  it("refuses ?url, ?inline and absolute paths", async () => {
    await expectRefusedBuild(await hostile(async (dir, rel) => appendTo(dir, "src/main.tsx", `import u from "${rel}/secret.txt?url";\nconsole.log(u);`)));
    await expectRefusedBuild(await hostile(async (dir, rel) => appendTo(dir, "src/main.tsx", `import c from "${rel}/secret.css?inline";\nconsole.log(c);`)));
    await expectRefusedBuild(await hostile(async (dir) => appendTo(dir, "src/main.tsx", `import s from "${secret.dir}/secret.txt?raw";\nconsole.log(s);`)));
    await expectRefusedBuild(await hostile(async (dir) => appendTo(dir, "src/main.tsx", `import s from "/@fs${secret.dir}/secret.txt?raw";\nconsole.log(s);`)));
  });

  it("refuses new URL(…, import.meta.url) outside the workspace, also behind a TypeScript cast", async () => {
    await expectRefusedBuild(await hostile(async (dir, rel) => appendTo(dir, "src/main.tsx", `console.log(new URL("${rel}/secret.txt", import.meta.url).href);`)));
    await expectRefusedBuild(await hostile(async (dir, rel) => appendTo(dir, "src/main.tsx", `console.log(new URL("${rel}/secret.txt" as string, import.meta.url).href);`)));
  });

  it("refuses CSS @import, url(), @source and @config/@plugin that leave the workspace", async () => {
    await expectRefusedBuild(await hostile(async (dir, rel) => writeFile(path.join(dir, "src/index.css"), `@import "${rel}/secret.css";\n@import "tailwindcss";\n`)));
    await expectRefusedBuild(await hostile(async (dir, rel) => appendTo(dir, "src/index.css", `.a { background: url("${rel}/secret.txt"); }`)));
    await expectRefusedBuild(await hostile(async (dir, rel) => appendTo(dir, "src/index.css", `.a { background: url(${rel}/secret.txt); }`)));
    await expectRefusedBuild(await hostile(async (dir, rel) => appendTo(dir, "src/index.css", `@source "${rel}";`)));
    await expectRefusedBuild(await hostile(async (dir, rel) => appendTo(dir, "src/index.css", `@config "${rel}/tailwind.config.js";`)));
    // Even the app's own JavaScript is never loaded into the build process.
    await expectRefusedBuild(await hostile(async (dir) => appendTo(dir, "src/index.css", '@plugin "./evil.js";')));
  });

  it("refuses HTML asset references outside the workspace", async () => {
    await expectRefusedBuild(
      await hostile(async (dir) => {
        const rel = path.relative(dir, secret.dir);
        await writeFile(
          path.join(dir, "index.html"),
          `<!doctype html><html><head><link rel="icon" href="${rel}/secret.txt"></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>`,
        );
      }),
    );
  });

  it("does not follow symlinks out of the workspace", async () => {
    await expectRefusedBuild(
      await hostile(async (dir) => {
        await symlink(path.join(secret.dir, "secret.txt"), path.join(dir, "src", "notes.txt"));
        await appendTo(dir, "src/main.tsx", 'import n from "./notes.txt?raw";\nconsole.log(n);');
      }),
    );
    await expectRefusedBuild(
      await hostile(async (dir) => {
        await symlink(secret.dir, path.join(dir, "src", "vendor"));
        await appendTo(dir, "src/main.tsx", 'import n from "./vendor/secret.txt?raw";\nconsole.log(n);');
      }),
    );
  });

  it("keeps tsc from reading files outside, so no diagnostic quotes them", async () => {
    const attacks: ((dir: string, rel: string) => Promise<void>)[] = [
      (dir, rel) => appendTo(dir, "src/App.tsx", `import { leaked } from "${rel}/secret.ts";\nconsole.log(leaked);`),
      (dir, rel) => writeFile(path.join(dir, "src/refs.ts"), `/// <reference path="${rel}/secret.ts" />\nexport {};\n`),
      (dir) => writeFile(path.join(dir, "src/refs.ts"), `/// <reference path="${secret.dir}/secret.ts" />\nexport {};\n`),
      async (dir) => {
        await symlink(path.join(secret.dir, "secret.ts"), path.join(dir, "src", "linked.ts"));
      },
      // The app's own tsconfig.json is never used (it could include or extend anything).
      (dir) => writeFile(path.join(dir, "tsconfig.json"), JSON.stringify({ files: [path.join(secret.dir, "secret.ts")] })),
    ];
    for (const attack of attacks) {
      const dir = await hostile(attack);
      const result = await typecheck(dir);
      if (!result.ok) assert.ok(!secret.leaksInto(result.errors), `tsc output quotes the secret: ${result.errors}`);
      const built = await buildApp(dir);
      if (!built.ok) assert.ok(!secret.leaksInto(built.errors));
      assert.ok(!secret.leaksInto(await snapshotText(dir)));
    }
  });
});
