import { cp, mkdir, readdir, readFile, symlink, writeFile, lstat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const platformRoot = fileURLToPath(new URL("../../..", import.meta.url));
export const templateDir = path.join(platformRoot, "container-runner", "template");
export const protocolFile = path.join(platformRoot, "shared", "bridge", "protocol.ts");
const platformModules = path.join(platformRoot, "node_modules");

/** Files of an app workspace: path -> text, as kept in app_source_snapshots. */
export type SourceFiles = Record<string, string>;

/**
 * Lays out an app workspace: the template (or a stored snapshot), the shared protocol for the
 * typechecker, and the platform's node_modules linked in (dependencies are shared, never installed
 * per app).
 */
export async function prepareWorkspace(dir: string, files?: SourceFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  if (files) {
    for (const [file, content] of Object.entries(files)) {
      const target = path.join(dir, file);
      if (!target.startsWith(dir + path.sep)) throw new Error(`Refusing a file outside the workspace: ${file}`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  } else {
    await cp(templateDir, dir, { recursive: true });
  }
  await mkdir(path.join(dir, ".second"), { recursive: true });
  await writeFile(path.join(dir, ".second", "protocol.ts"), await readFile(protocolFile, "utf8"));
  const link = path.join(dir, "node_modules");
  const existing = await lstat(link).catch(() => null);
  if (!existing) await symlink(platformModules, link, "dir");
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
