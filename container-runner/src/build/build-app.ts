import { build } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { viteSingleFile } from "vite-plugin-singlefile";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { protocolFile } from "./app-workspace.ts";

export type BuildResult = { ok: true; html: string; bytes: number } | { ok: false; errors: string };

/**
 * Builds an app workspace to one self-contained dist/index.html (JS and CSS inlined) that runs in a
 * sandboxed iframe with no network. Errors come back as text for the model to fix.
 */
export async function buildApp(dir: string): Promise<BuildResult> {
  try {
    await build({
      root: dir,
      configFile: false,
      logLevel: "silent",
      plugins: [react(), tailwindcss(), viteSingleFile()],
      resolve: { alias: { "@second/protocol": protocolFile, "@": path.join(dir, "src") } },
      build: { outDir: path.join(dir, "dist"), emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 5000 },
    });
  } catch (error) {
    return { ok: false, errors: error instanceof Error ? error.message : String(error) };
  }
  const html = await readFile(path.join(dir, "dist", "index.html"), "utf8");
  return { ok: true, html, bytes: Buffer.byteLength(html) };
}
