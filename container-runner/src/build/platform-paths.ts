import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the platform's own files are (the repository root, or /app in the container). */
export const platformRoot = fileURLToPath(new URL("../../..", import.meta.url));
export const templateDir = path.join(platformRoot, "container-runner", "template");
export const protocolFile = path.join(platformRoot, "shared", "bridge", "protocol.ts");
/** The shared dependencies every app workspace links to, read-only to apps. */
export const platformModules = path.join(platformRoot, "node_modules");
