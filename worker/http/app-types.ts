import type { Env } from "../env.ts";

/** Hono generics shared by every route and middleware. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
  };
};
