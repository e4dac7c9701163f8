import type { AppEnv } from "../http/app-types.ts";
import type { Capability } from "../../shared/capability/claims.ts";

/** /api/internal/*: the app's env plus the verified capability of the caller. */
export type InternalEnv = {
  Bindings: AppEnv["Bindings"];
  Variables: AppEnv["Variables"] & { capability: Capability };
};
