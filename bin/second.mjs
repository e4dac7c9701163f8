#!/usr/bin/env node
// `npx second-on-the-edge`: the local platform from the installed package (its frontend is built
// into the package by `npm pack`), data in ~/.second unless --data-dir says otherwise.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch, optionsOrExit } from "../scripts/launch.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

const options = optionsOrExit({ port: Number(process.env.PORT) || 8787, dataDir: path.join(os.homedir(), ".second"), open: true });
if (!existsSync(path.join(root, "frontend", "dist", "index.html"))) {
  console.error("This copy of Second has no built frontend (frontend/dist). Run `npm run build:frontend` in a checkout, or install from a packed release.");
  process.exit(1);
}
try {
  await launch(options, { launcher: { name: pkg.name, version: pkg.version } });
} catch (error) {
  console.error(`Second could not start: ${error.message}`);
  process.exit(1);
}
