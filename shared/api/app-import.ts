import { z } from "zod";
import { appDescriptionSchema, appNameSchema } from "./apps.ts";

/**
 * Importing an app's existing source (POST /api/workspaces/:wId/apps/import). The same rules run in
 * the browser (to show what will be skipped before anything is sent) and in the Worker (which refuses
 * the whole import, naming the file, when one file breaks them).
 */
export const IMPORT_LIMITS = {
  files: 300,
  fileBytes: 256 * 1024,
  /** Below what the embedded store keeps in one snapshot, so an accepted import is always storable. */
  totalBytes: 1_500_000,
} as const;

/** The route's own body limit: the files' total, JSON-escaped (at worst about twice as long), plus the envelope. */
export const IMPORT_MAX_BODY_BYTES = 2 * IMPORT_LIMITS.totalBytes + 64 * 1024;

/** Root files an import may carry; everything else lives under src/. */
const ROOT_FILES = new Set(["index.html", "agents.json", "integration-setup.json"]);
const SOURCE_EXTENSIONS = new Set(["ts", "tsx", "js", "jsx", "mjs", "css", "json", "md", "txt", "svg", "html"]);
/** Owned by the platform: dependencies are shared, the build writes dist/, the template brings tsconfig.json. */
const PLATFORM_OWNED: Record<string, string> = {
  "package.json": "dependencies come from the platform, so package.json is not imported",
  "tsconfig.json": "the platform provides tsconfig.json",
  node_modules: "node_modules/ belongs to the platform (dependencies are shared)",
  ".second": ".second/ belongs to the platform",
  dist: "the platform builds dist/ itself",
};

const encoder = new TextEncoder();
export const utf8Bytes = (text: string): number => encoder.encode(text).length;

/** Why a path cannot be imported, or null when it can (relative, inside src/ or an allowed root file). */
export function importPathProblem(path: string): string | null {
  if (path.length === 0 || path.length > 300) return "paths are 1 to 300 characters long";
  if (path.includes("\0") || path.includes("\\")) return "not a workspace path";
  if (path.startsWith("/")) return "absolute paths are not allowed";
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return "use a plain relative path (no empty, . or .. segments)";
  const owned = PLATFORM_OWNED[segments[0]!];
  if (owned) return owned;
  if (segments.some((s) => s.startsWith("."))) return "hidden files and folders are not imported";
  if (segments.length === 1) return ROOT_FILES.has(path) ? null : "only index.html, agents.json and integration-setup.json are imported outside src/";
  if (segments[0] !== "src") return "app sources live under src/";
  const name = segments.at(-1)!;
  const extension = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  return SOURCE_EXTENSIONS.has(extension) ? null : `.${extension || "(none)"} files are not imported (source and text files only)`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a file's text cannot be imported, or null: binary (NUL bytes) and undecodable text are refused. */
export function importContentProblem(content: string): string | null {
  if (content.includes("\0")) return "binary files are not imported";
  if (content.includes("\uFFFD") || LONE_SURROGATE.test(content)) return "the file is not valid UTF-8 text";
  if (utf8Bytes(content) > IMPORT_LIMITS.fileBytes) return `files may be at most ${IMPORT_LIMITS.fileBytes / 1024} KB`;
  return null;
}

export const importAppBodySchema = z
  .object({
    name: appNameSchema,
    description: appDescriptionSchema.default(""),
    files: z.record(z.string(), z.string()).superRefine((files, ctx) => {
      const entries = Object.entries(files);
      if (entries.length === 0) ctx.addIssue({ code: "custom", message: "Import at least one file." });
      if (entries.length > IMPORT_LIMITS.files) ctx.addIssue({ code: "custom", message: `An import holds at most ${IMPORT_LIMITS.files} files (this one has ${entries.length}).` });
      let total = 0;
      for (const [path, content] of entries) {
        const problem = importPathProblem(path) ?? importContentProblem(content);
        if (problem) ctx.addIssue({ code: "custom", path: [path], message: `${path}: ${problem}.` });
        total += utf8Bytes(content);
      }
      if (total > IMPORT_LIMITS.totalBytes) ctx.addIssue({ code: "custom", message: `The files total ${total} bytes; an import holds at most ${IMPORT_LIMITS.totalBytes}.` });
      if (entries.length > 0 && !entries.some(([path]) => path.startsWith("src/"))) ctx.addIssue({ code: "custom", message: "The import has no files under src/." });
    }),
  })
  .strict();
export type ImportAppBody = z.infer<typeof importAppBodySchema>;
