import type { Env } from "../platform/env.ts";

/**
 * Production unless the environment says otherwise: wrangler.toml sets SECOND_ENV=production, and
 * the local platform (`npm start`, the tests) sets development. Anything else counts as production,
 * so a forgotten setting never opens a development-only door (docs/decisions/0021).
 */
export const isProduction = (env: Env) => env.SECOND_ENV !== "development";
