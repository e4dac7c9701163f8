/**
 * Finds the paths an app file references, for the jail to judge. Deliberately broad: a string that
 * is not a reference but looks like one is judged too (at worst refused), a missed reference is not.
 */

const quoted = /(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g;

/** CSS: url(), @import, @reference, @source and image-set() paths. */
export function cssReferences(css: string): string[] {
  const found: string[] = [];
  for (const match of css.matchAll(/url\(\s*(?:(["'])(.*?)\1|([^)\s]*))\s*\)/gis)) found.push(match[2] ?? match[3] ?? "");
  for (const match of css.matchAll(/@(?:import|reference|source)\b([^;{]*)/gi)) {
    for (const string of match[1]!.matchAll(quoted)) found.push(string[2]!);
  }
  for (const match of css.matchAll(/image-set\(([^)]*)\)/gi)) {
    for (const string of match[1]!.matchAll(quoted)) found.push(string[2]!);
  }
  return found;
}

/**
 * Tailwind's @plugin and @config load JavaScript into the build process: only a shared package may
 * be named, never a file of the app.
 */
export function cssCodeLoads(css: string): string[] {
  const found: string[] = [];
  for (const match of css.matchAll(/@(?:plugin|config)\b([^;{]*)/gi)) {
    const strings = [...match[1]!.matchAll(quoted)].map((m) => m[2]!);
    found.push(...(strings.length ? strings : [match[1]!.trim()]));
  }
  return found;
}

/** HTML: every attribute value (src, href, srcset…) and the CSS of inline styles. */
export function htmlReferences(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/\s[\w:-]+\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
    const value = match[1] ?? match[2] ?? match[3] ?? "";
    for (const part of value.split(",")) found.push(part.trim().split(/\s+/)[0] ?? "");
  }
  return [...found.filter((value) => value.includes("/") || value.startsWith(".")), ...cssReferences(html)];
}

/** Module specifiers and reference directives in TypeScript or JavaScript source. */
export function moduleReferences(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/\b(?:from|import|require|export)\s*\(?\s*(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) found.push(match[2]!);
  for (const match of code.matchAll(/\/\/\/\s*<reference\s+(?:path|types|lib)\s*=\s*(["'])(.*?)\1/g)) found.push(match[2]!);
  return found;
}

/** `new URL("…", import.meta.url)`: Vite copies the named file into the build. */
export function importMetaUrlReferences(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/\bnew\s+URL\s*\(\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1\s*,\s*import\s*\.\s*meta\s*\.\s*url/g)) found.push(match[2]!);
  return found;
}
