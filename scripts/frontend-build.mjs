// Builds the frontend when its sources (or shared/) are newer than frontend/dist/index.html.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function buildFrontendIfStale() {
  const built = path.join(root, "frontend", "dist", "index.html");
  const sources = Math.max(newestMtime(path.join(root, "frontend")), newestMtime(path.join(root, "shared")));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log("Building the frontend…");
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "-s", "build:frontend"], { cwd: root, stdio: "inherit" });
}
