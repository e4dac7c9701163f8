import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startPlatform, type RunningPlatform } from "../../../scripts/platform.mjs";
import { buildFrontendIfStale } from "../../../scripts/frontend-build.mjs";

export const artifacts = path.resolve("test/.artifacts");
mkdirSync(artifacts, { recursive: true });

/** Receives every line the platform's processes (runner, worker) print. */
export type PlatformOutput = (process: string, line: string) => void;

/** A fresh platform (its own storage) serving the current frontend build. */
export async function startTestPlatform(env: Record<string, string> = {}, output?: PlatformOutput): Promise<RunningPlatform> {
  buildFrontendIfStale();
  const persistTo = mkdtempSync(path.join(tmpdir(), "second-e2e-"));
  return startPlatform({ persistTo, env: { SECOND_NO_AUTH_SESSION_SECRET: "e2e-session-secret-0123456789abcdef", ...env }, output });
}

/** Runs `steps`; on failure saves a screenshot of each page (named) before rethrowing. */
export async function screenshotOnFailure(pages: Record<string, { screenshot(options: { path: string }): Promise<unknown> }>, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    for (const [name, page] of Object.entries(pages)) await page.screenshot({ path: path.join(artifacts, `failure-${name}.png`) }).catch(() => undefined);
    throw error;
  }
}
