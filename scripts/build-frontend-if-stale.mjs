// The Worker serves the built frontend as its assets (the /a/ host page among them): the workerd
// tests need it built, as `npm start` and the browser tests do.
import { buildFrontendIfStale } from "./frontend-build.mjs";

buildFrontendIfStale();
