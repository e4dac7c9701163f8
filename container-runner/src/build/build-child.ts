// The app build, run as a child process of the runner (container-runner/src/build/build-app.ts)
// with a scrubbed environment: `node --import tsx build-child.ts <workspace>`. Prints one JSON line.
import { build } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { viteSingleFile } from "vite-plugin-singlefile";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { protocolFile } from "./platform-paths.ts";
import { jailFor } from "./jail.ts";
import { checkHtml, viteJail } from "./vite-jail.ts";

async function buildWorkspace(dir: string): Promise<{ ok: true; bytes: number } | { ok: false; errors: string }> {
  const jail = await jailFor(dir);
  try {
    // Vite reads index.html's asset references straight from disk: judge them first.
    const indexFile = path.join(jail.workspace, "index.html");
    await checkHtml(await readFile(indexFile, "utf8"), indexFile, jail);
    await build({
      root: jail.workspace,
      configFile: false,
      envFile: false,
      logLevel: "silent",
      // Inline PostCSS settings: a postcss.config.js in the workspace is never loaded.
      css: { postcss: { plugins: [] } },
      plugins: [...viteJail(jail), react(), tailwindcss(), viteSingleFile()],
      resolve: { alias: { "@second/protocol": protocolFile, "@": path.join(jail.workspace, "src") } },
      build: { outDir: path.join(jail.workspace, "dist"), emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 5000 },
    });
  } catch (error) {
    return { ok: false, errors: error instanceof Error ? error.message : String(error) };
  }
  const html = await readFile(path.join(jail.workspace, "dist", "index.html"), "utf8");
  return { ok: true, bytes: Buffer.byteLength(html) };
}

const dir = process.argv[2];
if (!dir) throw new Error("usage: build-child.ts <workspace>");
process.stdout.write(`${JSON.stringify(await buildWorkspace(dir))}\n`);
