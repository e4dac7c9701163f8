// npm start: build the frontend when its sources changed, then the local platform (scripts/launch.mjs).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch, optionsOrExit } from "./launch.mjs";
import { buildFrontendIfStale } from "./frontend-build.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const options = optionsOrExit({ port: Number(process.env.PORT) || 8787, dataDir: path.join(root, ".data"), open: false });
buildFrontendIfStale();
await launch(options);
