import { cp, mkdir, readdir, readFile, symlink, writeFile, lstat } from "node:fs/promises";
import { RunnerError } from "../http/errors.ts";
import { PLATFORM_FILES, workspacePath } from "./workspace-path.ts";
import path from "node:path";
import { platformModules, protocolFile, templateDir } from "./platform-paths.ts";

/** Files of an app workspace: path -> text, as kept in app_source_snapshots. */
export type SourceFiles = Record<string, string>;

/**
 * Lays out an app workspace: the template (or a stored snapshot), the shared protocol for the
 * typechecker, and the platform's node_modules linked in (dependencies are shared, never installed
 * per app).
 */
export async function prepareWorkspace(dir: string, files?: SourceFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  // The shared dependencies are linked first, so a stored file under node_modules/ cannot shadow them.
  const link = path.join(dir, "node_modules");
  if (!(await lstat(link).catch(() => null))) await symlink(platformModules, link, "dir");
  if (files) {
    for (const [file, content] of Object.entries(files)) {
      if (PLATFORM_FILES.includes(file)) continue;
      const target = await workspacePath(dir, file);
      if (!target.ok) throw new RunnerError("validation_failed", `The snapshot holds a file outside the app's own files: ${target.error}`);
      await mkdir(path.dirname(target.file), { recursive: true });
      await writeFile(target.file, content);
    }
  } else {
    await cp(templateDir, dir, { recursive: true });
  }
  await restorePlatformFiles(dir);
}

/** The platform's own files in a workspace (.second/protocol.ts, tsconfig.json), as the template has them. */
export async function restorePlatformFiles(dir: string): Promise<void> {
  await mkdir(path.join(dir, ".second"), { recursive: true });
  await writeFile(path.join(dir, ".second", "protocol.ts"), await readFile(protocolFile, "utf8"));
  for (const file of PLATFORM_FILES) await writeFile(path.join(dir, file), await readFile(path.join(templateDir, file), "utf8"));
}

/** Reads a workspace back as a snapshot (sources and dist/, without node_modules and .second). */
export async function readWorkspace(dir: string): Promise<SourceFiles> {
  const files: SourceFiles = {};
  async function walk(current: string) {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === ".second") continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files[path.relative(dir, full)] = await readFile(full, "utf8");
    }
  }
  await walk(dir);
  return files;
}
