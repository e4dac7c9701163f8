import { realpath } from "node:fs/promises";
import path from "node:path";
import { platformModules, protocolFile } from "./platform-paths.ts";

/**
 * What an app's typecheck and build may read: its own workspace and the shared, read-only
 * dependencies. Everything is compared after realpath, so symlinks and `..` do not get out.
 */
export interface Jail {
  /** The workspace's realpath. */
  workspace: string;
  /** Every directory or file that may be read (the workspace first). */
  roots: string[];
}

export async function jailFor(dir: string): Promise<Jail> {
  const workspace = await realpath(dir);
  return { workspace, roots: [workspace, await realpath(platformModules), await realpath(protocolFile)] };
}

export const isWithin = (file: string, root: string) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** The realpath of `file`, or of its nearest existing ancestor with the rest appended. */
export async function realpathOfNearest(file: string): Promise<string> {
  const absolute = path.resolve(file);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

export async function insideJail(file: string, jail: Jail): Promise<boolean> {
  const real = await realpathOfNearest(file);
  return jail.roots.some((root) => isWithin(real, root));
}

/** Strips Vite's query (`?raw`, `?url`, `?inline`…) and `/@fs` prefix from a module id. */
export function fileOfId(id: string): string {
  const clean = id.replace(/[?#].*$/s, "");
  return clean.startsWith("/@fs/") ? clean.slice(4) : clean;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Judges a path an app file references (an import, a CSS url() or @import, an HTML src, a
 * `new URL(…, import.meta.url)`): null when it stays inside the jail, else why it is refused.
 */
export async function refusedReference(reference: string, fromDir: string, jail: Jail): Promise<string | null> {
  const value = reference.trim();
  if (!value || value.startsWith("#") || /^(data|https?|blob):/i.test(value)) return null;
  const refuse = (why: string) => `"${value}" is refused: ${why}`;
  if (SCHEME.test(value)) return refuse("an app may reference only its own files, packages, data: and http(s): URLs.");
  const clean = fileOfId(value);
  if (clean.includes("\\") || clean.includes("\0")) return refuse("backslashes and NUL are not allowed in paths.");
  if (clean.startsWith("/")) {
    // Vite reads a leading slash from the app's root; an existing path outside it is never meant.
    const rootedEscapes = !(await insideJail(path.join(jail.workspace, clean), jail));
    const existingOutside = (await exists(clean)) && !(await insideJail(clean, jail));
    return rootedEscapes || existingOutside ? refuse("it points outside the app's workspace.") : null;
  }
  if (clean.startsWith(".")) {
    return (await insideJail(path.resolve(fromDir, clean), jail)) ? null : refuse("it points outside the app's workspace.");
  }
  // A package (resolved in the shared node_modules) or the @/ alias; never with `..` in it.
  if (clean.split("/").includes("..")) return refuse("package paths may not contain `..`.");
  if (clean.startsWith("@/")) return (await insideJail(path.join(jail.workspace, "src", clean.slice(2)), jail)) ? null : refuse("it points outside the app's workspace.");
  return null;
}

async function exists(file: string): Promise<boolean> {
  return realpath(file).then(
    () => true,
    () => false,
  );
}
