import pkg from "../package.json";

/** The platform version reported by /api/health (package.json unless SECOND_VERSION overrides). */
export const VERSION: string = pkg.version;
