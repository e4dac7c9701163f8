import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { isWithin, realpathOfNearest } from "./jail.ts";

/** Parts of a workspace that belong to the platform: the builder's tools never touch them. */
const PLATFORM_OWNED = ["node_modules", ".second"];
/** Files the platform rewrites from the template before every typecheck and build. */
export const PLATFORM_FILES = ["tsconfig.json"];

export type WorkspacePath = { ok: true; file: string; relative: string } | { ok: false; error: string };

/**
 * Where a path the builder names lands, checked after realpath: inside the app's own source tree,
 * never through a symlink, never in node_modules (shared, read-only) or .second.
 */
export async function workspacePath(dir: string, given: string): Promise<WorkspacePath> {
  const refuse = (why: string): WorkspacePath => ({ ok: false, error: `${given}: ${why}` });
  if (given.includes("\0") || given.includes("\\")) return refuse("not a workspace path.");
  const relative = path.posix.normalize(given);
  if (path.posix.isAbsolute(relative) || relative === "." || relative === ".." || relative.startsWith("../"))
    return refuse("use a path inside the app workspace, like src/App.tsx.");
  const first = relative.split("/")[0]!;
  if (PLATFORM_OWNED.includes(first)) return refuse(`${first}/ belongs to the platform (dependencies are shared and read-only).`);
  if (PLATFORM_FILES.includes(relative)) return refuse("this file belongs to the platform.");
  const root = await realpath(dir);
  const file = path.join(root, relative);
  const real = await realpathOfNearest(file);
  if (!isWithin(real, root) || PLATFORM_OWNED.some((owned) => isWithin(real, path.join(root, owned)))) return refuse("it leads outside the app's own files.");
  if ((await lstat(file).catch(() => null))?.isSymbolicLink()) return refuse("symbolic links are not followed.");
  return { ok: true, file, relative };
}
