import path from "node:path";
import type { Plugin } from "vite";
import { fileOfId, insideJail, refusedReference, type Jail } from "./jail.ts";
import { cssCodeLoads, cssReferences, htmlReferences, importMetaUrlReferences } from "./reference-scan.ts";

const CSS_ID = /\.css(?:$|\?)|[?&]lang\.css|[?&]inline-css/;
/** A package name (and subpath), never a relative or absolute path. */
const PACKAGE_NAME = /^(?:@[\w-][\w.-]*\/)?[\w-][\w.-]*(?:\/[\w.-]+)*$/;

export class JailError extends Error {
  override name = "JailError";
}

async function judgeAll(references: string[], fromDir: string, jail: Jail, where: string): Promise<void> {
  for (const reference of references) {
    const refused = await refusedReference(reference, fromDir, jail);
    if (refused) throw new JailError(`${where}: ${refused}`);
  }
}

/** Checks an app's CSS (files and inline styles) before Tailwind or Vite read what it names. */
export async function checkCss(css: string, file: string, jail: Jail): Promise<void> {
  const where = path.relative(jail.workspace, file) || file;
  for (const loaded of cssCodeLoads(css)) {
    if (!PACKAGE_NAME.test(loaded) || loaded.split("/").some((segment) => segment === "." || segment === "..")) {
      throw new JailError(`${where}: @plugin/@config "${loaded}" is refused: only a shared package may be loaded, never a file.`);
    }
  }
  await judgeAll(cssReferences(css), path.dirname(file), jail, where);
}

export async function checkHtml(html: string, file: string, jail: Jail): Promise<void> {
  await judgeAll(htmlReferences(html), path.dirname(file), jail, path.relative(jail.workspace, file) || file);
}

/**
 * The build's jail (docs/security.md): every import is resolved as Vite would and refused when the
 * file lies (after realpath) outside the app's workspace and the shared dependencies, `?raw`,
 * `?url`, `?inline` and `/@fs/` included; every loaded module is checked again; CSS, HTML and
 * `new URL(…, import.meta.url)`, which Vite and Tailwind read without asking, are checked first.
 */
export function viteJail(jail: Jail): Plugin[] {
  const guard: Plugin = {
    name: "second:jail",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (source.startsWith("\0") || source.startsWith("data:")) return null;
      if (/^[a-z][a-z0-9+.-]*:/i.test(source)) this.error(`Import "${source}" is refused: an app imports its own files and the shared packages only.`);
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved) return null;
      if (resolved.external) this.error(`Import "${source}" is refused: an app's build holds everything it uses.`);
      if (!resolved.id.startsWith("\0") && !(await insideJail(fileOfId(resolved.id), jail))) {
        this.error(`Import "${source}" is refused: it resolves outside the app's workspace.`);
      }
      return resolved;
    },
    async load(id) {
      if (id.startsWith("\0")) return null;
      if (!(await insideJail(fileOfId(id), jail))) this.error(`Loading "${fileOfId(id)}" is refused: it lies outside the app's workspace.`);
      return null;
    },
    transform: {
      // Before Tailwind compiles the CSS (it loads @import, @plugin and @config itself).
      order: "pre",
      async handler(code, id) {
        if (CSS_ID.test(id)) await checkCss(code, fileOfId(id), jail).catch((error: unknown) => this.error(error instanceof Error ? error.message : String(error)));
        return null;
      },
    },
    transformIndexHtml: {
      order: "pre",
      async handler(html, context) {
        await checkHtml(html, context.filename, jail);
        return html;
      },
    },
  };
  // After TypeScript is stripped (so `"x" as string` is a plain literal), before Vite's asset
  // plugin reads what `new URL(…, import.meta.url)` names.
  const assetUrls: Plugin = {
    name: "second:jail-asset-urls",
    async transform(code, id) {
      if (id.startsWith("\0") || !code.includes("import")) return null;
      for (const reference of importMetaUrlReferences(code)) {
        if (reference.includes("${")) this.error(`new URL(\`${reference}\`, import.meta.url) is refused: name one file of the app.`);
        const refused = await refusedReference(reference, path.dirname(fileOfId(id)), jail);
        if (refused) this.error(`new URL(…, import.meta.url): ${refused}`);
      }
      return null;
    },
  };
  return [guard, assetUrls];
}
