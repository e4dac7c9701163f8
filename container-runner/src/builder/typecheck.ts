import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const tscBin = path.join(path.dirname(require.resolve("typescript/package.json")), "bin", "tsc");

export type TypecheckResult = { ok: true } | { ok: false; errors: string };

/** `tsc --noEmit` over the app workspace; its diagnostics are what the model reads to fix errors. */
export function typecheck(dir: string): Promise<TypecheckResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tscBin, "-p", path.join(dir, "tsconfig.json"), "--noEmit", "--pretty", "false"], { cwd: dir, timeout: 120_000 }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true });
      const output = `${stdout}${stderr}`.trim() || error.message;
      resolve({ ok: false, errors: output.split("\n").slice(0, 60).join("\n") });
    });
  });
}
