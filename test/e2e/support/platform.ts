import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startPlatform, type RunningPlatform } from "../../../scripts/platform.mjs";
import { buildFrontendIfStale } from "../../../scripts/frontend-build.mjs";

export const artifacts = path.resolve("test/.artifacts");
mkdirSync(artifacts, { recursive: true });

/** A fresh platform (its own storage) serving the current frontend build. */
export async function startTestPlatform(env: Record<string, string> = {}): Promise<RunningPlatform> {
  buildFrontendIfStale();
  const persistTo = mkdtempSync(path.join(tmpdir(), "second-e2e-"));
  return startPlatform({ persistTo, env: { SECOND_NO_AUTH_SESSION_SECRET: "e2e-session-secret-0123456789abcdef", ...env } });
}
