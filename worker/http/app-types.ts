import type { Env } from "../../platform/env.ts";
import type { UserDoc } from "../../platform/repositories/users.ts";
import type { WorkspaceDoc } from "../../platform/repositories/workspaces.ts";
import type { MembershipDoc } from "../../platform/repositories/memberships.ts";
import type { Role } from "../../shared/api/roles.ts";

/** The caller's workspace, membership and role, once the tenancy guard let them in. */
export interface WorkspaceContext {
  workspace: WorkspaceDoc;
  membership: MembershipDoc;
  role: Role;
}

/**
 * Hono generics shared by every route and middleware. Only stored-document types: the guards and
 * middleware that set these variables import this file, never the other way round.
 */
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
