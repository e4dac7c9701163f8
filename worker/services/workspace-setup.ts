import type { Env } from "../../platform/env.ts";
import { ApiError } from "../../platform/api-error.ts";
import { DuplicateKeyError } from "../../platform/store/store-client.ts";
import { WorkspacesRepository, type WorkspaceDoc } from "../../platform/repositories/workspaces.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { GENERAL_TEAM, TeamsRepository } from "../../platform/repositories/teams.ts";
import type { UserDoc } from "../../platform/repositories/users.ts";
import { newId } from "../../shared/ids.ts";
import { randomSuffix, slugify } from "./slug.ts";
import { recordAudit, userActor } from "./audit.ts";

/**
 * A new workspace: the creator as owner, and the default General team with the creator in it.
 * An explicit slug that is taken is a 409; a derived one gets a short suffix instead.
 */
export async function createWorkspace(env: Env, creator: UserDoc, name: string, requestedSlug?: string): Promise<WorkspaceDoc> {
  const workspaces = new WorkspacesRepository(env);
  const base = requestedSlug ?? slugify(name, `workspace-${randomSuffix()}`);
  const now = new Date();
  let workspace: WorkspaceDoc | null = null;
  for (let attempt = 0; attempt < 5 && !workspace; attempt++) {
    const slug = attempt === 0 ? base : `${base.slice(0, 42)}-${randomSuffix()}`;
    try {
      workspace = await workspaces.insert({ _id: newId("ws"), slug, name, createdByUserId: creator._id, createdAt: now, updatedAt: now });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      if (requestedSlug) throw new ApiError("duplicate", `The workspace URL "${requestedSlug}" is taken. Pick another.`);
    }
  }
  if (!workspace) throw new ApiError("duplicate", "Could not find a free workspace URL; pass a slug.");

  await new MembershipsRepository(env).insert(workspace._id, creator._id, "owner");
  const teams = new TeamsRepository(env);
  const general = await teams.insert(workspace._id, GENERAL_TEAM.name, GENERAL_TEAM.slug, true);
  await teams.addMember(workspace._id, general._id, creator._id);
  await recordAudit(env, {
    workspaceId: workspace._id,
    eventName: "workspace.created",
    category: "workspace",
    actor: userActor(creator),
    target: { type: "workspace", id: workspace._id },
    metadata: { slug: workspace.slug },
  });
  return workspace;
}
