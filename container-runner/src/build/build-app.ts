import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { platformRoot } from "./platform-paths.ts";
import { scrubbedEnv } from "./child-env.ts";

export type BuildResult = { ok: true; bytes: number } | { ok: false; errors: string };
const childResultSchema = z.union([z.object({ ok: z.literal(true), bytes: z.number() }), z.object({ ok: z.literal(false), errors: z.string() })]);
const CHILD = fileURLToPath(new URL("./build-child.ts", import.meta.url));

function lastJsonLine(stdout: string): unknown {
  const last = stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last);
  } catch {
    return null;
  }
}

/**
 * Builds an app workspace to one self-contained dist/index.html (JS and CSS inlined) that runs in a
 * sandboxed iframe with no network. The build runs jailed in a child process with a scrubbed
 * environment; errors come back as text for the model to fix.
 */
export function buildApp(dir: string): Promise<BuildResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", CHILD, path.resolve(dir)],
      { cwd: platformRoot, env: scrubbedEnv(dir), timeout: 180_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const parsed = childResultSchema.safeParse(lastJsonLine(stdout));
        if (parsed.success) return resolve(parsed.data);
        resolve({ ok: false, errors: `The build stopped: ${(stderr.trim() || error?.message || "no result").split("\n").slice(0, 20).join("\n")}` });
      },
    );
  });
}
