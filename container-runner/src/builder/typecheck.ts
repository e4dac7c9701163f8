import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { scrubbedEnv } from "../build/child-env.ts";
import { insideJail, jailFor, refusedReference, type Jail } from "../build/jail.ts";
import { moduleReferences } from "../build/reference-scan.ts";

const require = createRequire(import.meta.url);
const tscBin = path.join(path.dirname(require.resolve("typescript/package.json")), "bin", "tsc");

export type TypecheckResult = { ok: true } | { ok: false; errors: string };

/**
 * The platform's tsconfig for the app, in .second/ where the builder cannot write: the app's own
 * tsconfig.json (which could name files anywhere, or `extends` one) is never used.
 */
const PLATFORM_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "ESNext",
    moduleResolution: "Bundler",
    lib: ["ES2023", "DOM", "DOM.Iterable"],
    jsx: "react-jsx",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    isolatedModules: true,
    types: [],
    paths: { "@/*": ["../src/*"], "@second/protocol": ["./protocol.ts"] },
  },
  include: ["../src"],
};

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.[cm]?[jt]sx?$/.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

/** Every import and reference directive of src/ must stay inside the jail before tsc reads it. */
async function refusedImports(jail: Jail): Promise<string[]> {
  const refused: string[] = [];
  for (const file of await sourceFiles(path.join(jail.workspace, "src"))) {
    for (const reference of moduleReferences(await readFile(file, "utf8"))) {
      const why = await refusedReference(reference, path.dirname(file), jail);
      if (why) refused.push(`${path.relative(jail.workspace, file)}: ${why}`);
    }
  }
  return refused;
}

function runTsc(jail: Jail, tsconfig: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tscBin, "-p", tsconfig, "--noEmit", "--pretty", "false", "--listFiles"],
      { cwd: jail.workspace, env: scrubbedEnv(jail.workspace), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}`.trim() || (error?.message ?? "") }),
    );
  });
}

/**
 * `tsc --noEmit` over the app workspace, jailed: imports that leave the workspace are refused
 * before tsc runs, and if tsc still read a file outside (its --listFiles says), its diagnostics,
 * which could quote that file, are withheld. What remains is what the model reads to fix errors.
 */
export async function typecheck(dir: string): Promise<TypecheckResult> {
  const jail = await jailFor(dir);
  const refused = await refusedImports(jail);
  if (refused.length) return { ok: false, errors: refused.slice(0, 20).join("\n") };
  const tsconfig = path.join(jail.workspace, ".second", "tsconfig.json");
  await writeFile(tsconfig, JSON.stringify(PLATFORM_TSCONFIG, null, 2));
  const { ok, output } = await runTsc(jail, tsconfig);
  const lines = output.split("\n");
  const listed = lines.filter((line) => path.isAbsolute(line.trim()));
  for (const file of listed) {
    if (!(await insideJail(file.trim(), jail)))
      return { ok: false, errors: `The typecheck read ${path.basename(file.trim())} from outside the app's workspace; its output is withheld.` };
  }
  if (ok) return { ok: true };
  const diagnostics = lines.filter((line) => !path.isAbsolute(line.trim()));
  return { ok: false, errors: diagnostics.slice(0, 60).join("\n") };
}
