import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the platform's own files are (the repository root, or /app in the container). */
export const platformRoot = fileURLToPath(new URL("../../..", import.meta.url));
export const templateDir = path.join(platformRoot, "container-runner", "template");
export const protocolFile = path.join(platformRoot, "shared", "bridge", "protocol.ts");
/**
 * The shared dependencies every app workspace links to, read-only to apps: the platform's own
 * node_modules, or, when it was installed as a package (npx), the node_modules it was installed into.
 */
export const platformModules = existsSync(path.join(platformRoot, "node_modules", "react"))
  ? path.join(platformRoot, "node_modules")
  : path.dirname(path.dirname(createRequire(import.meta.url).resolve("react/package.json")));
