import type { Env } from "../env.ts";
import type { UserDoc } from "../repositories/users.ts";
import type { WorkspaceContext } from "../guard/workspace-context.ts";

/** Hono generics shared by every route and middleware. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The signed-in person, or null (set by resolveActor on every /api request). */
    actor: UserDoc | null;
    /** Set by requireWorkspaceContext on /api/workspaces/:wId routes. */
    ws: WorkspaceContext;
  };
};
