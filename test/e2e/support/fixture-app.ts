import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareWorkspace, readWorkspace, type SourceFiles } from "../../../container-runner/src/build/app-workspace.ts";
import { buildApp } from "../../../container-runner/src/build/build-app.ts";

/** The workspace template with a fixture App.tsx, built the way the runner builds apps. */
export async function buildFixtureApp(fixture: string): Promise<SourceFiles> {
  const dir = await mkdtemp(path.join(tmpdir(), "second-fixture-"));
  await prepareWorkspace(dir);
  await writeFile(path.join(dir, "src", "App.tsx"), await readFile(new URL(`../fixtures/${fixture}`, import.meta.url), "utf8"));
  const result = await buildApp(dir);
  if (!result.ok) throw new Error(`fixture build failed:\n${result.errors}`);
  return readWorkspace(dir);
}
