import { Hono } from "hono";
import { settingsRead, teamsReadModel } from "../read-models/settings-read-models.ts";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { addTeamMemberBodySchema, createTeamBodySchema, updateTeamBodySchema } from "../../shared/api/workspaces.ts";
import { TeamsRepository } from "../../platform/repositories/teams.ts";
import { MembershipsRepository } from "../../platform/repositories/memberships.ts";
import { UsersRepository } from "../../platform/repositories/users.ts";
import { DuplicateKeyError } from "../../platform/store/store-client.ts";
import { slugify, randomSuffix } from "../services/slug.ts";
import { userActor, type AuditInput } from "../services/audit.ts";
import { recordChange } from "../services/record-change.ts";
import { toTeam } from "./view-models.ts";

function duplicateName(error: unknown, name: string): never {
  if (error instanceof DuplicateKeyError) throw new ApiError("duplicate", `A team named "${name}" already exists.`);
  throw error;
}

export const teamRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const ws = await requirePermission(c, "workspace:read");
    return c.json({ teams: await settingsRead(c, ws, "teams", teamsReadModel) });
  })
  .post("/", jsonBody(createTeamBodySchema), async (c) => {
    const { workspace } = await requirePermission(c, "teams:manage");
    const body = c.req.valid("json");
    const { team: created, write } = new TeamsRepository(c.env).insertOp(workspace._id, body.name, slugify(body.name, `team-${randomSuffix()}`));
    const team = await recordChange(c.env, {
      write,
      audit: teamAudit(workspace._id, actorOf(c), "team.created", created._id, { name: body.name }),
      event: { workspaceId: workspace._id, type: "team.changed", scopes: ["teams"], ids: { teamId: created._id } },
    }).catch((error: unknown) => duplicateName(error, body.name));
    return c.json({ team: toTeam(team, 0) }, 201);
  })
  .patch("/:teamId", jsonBody(updateTeamBodySchema), async (c) => {
    const { workspace } = await requirePermission(c, "teams:manage");
    const body = c.req.valid("json");
    const teams = new TeamsRepository(c.env);
    const team = await teams.byId(workspace._id, c.req.param("teamId"));
    if (!team) throw notFound("team");
    const slug = team.isDefault ? team.slug : slugify(body.name, team.slug);
    const updated = await recordChange(c.env, {
      write: teams.renameOp(workspace._id, team._id, body.name, slug),
      audit: teamAudit(workspace._id, actorOf(c), "team.renamed", team._id, {}, { name: [team.name, body.name] }),
      event: { workspaceId: workspace._id, type: "team.changed", scopes: ["teams"], ids: { teamId: team._id } },
    }).catch((error: unknown) => duplicateName(error, body.name));
    if (!updated) throw notFound("team");
    return c.json({ team: toTeam(updated, (await teams.membersOf(workspace._id, team._id)).length) });
  })
  .delete("/:teamId", async (c) => {
    const { workspace } = await requirePermission(c, "teams:manage");
    const teams = new TeamsRepository(c.env);
    const team = await teams.byId(workspace._id, c.req.param("teamId"));
    if (!team) throw notFound("team");
    if (team.isDefault) throw new ApiError("conflict", "The General team cannot be deleted: every member belongs to it.");
    const { deletedCount } = await recordChange(c.env, {
      ...teams.deleteOps(workspace._id, team._id),
      audit: teamAudit(workspace._id, actorOf(c), "team.deleted", team._id, { name: team.name }),
      event: { workspaceId: workspace._id, type: "team.changed", scopes: ["teams", "members"], ids: { teamId: team._id } },
    });
    if (deletedCount === 0) throw notFound("team");
    return c.json({ ok: true });
  })
  .get("/:teamId/members", async (c) => {
    const { workspace } = await requirePermission(c, "members:read");
    const teams = new TeamsRepository(c.env);
    const team = await teams.byId(workspace._id, c.req.param("teamId"));
    if (!team) throw notFound("team");
    const rows = await teams.membersOf(workspace._id, team._id);
    const users = await new UsersRepository(c.env).byIds(rows.map((r) => r.userId));
    return c.json({ members: users.map((u) => ({ userId: u._id, displayName: u.displayName, email: u.email })) });
  })
  .post("/:teamId/members", jsonBody(addTeamMemberBodySchema), async (c) => {
    const { workspace } = await requirePermission(c, "teams:manage");
    const body = c.req.valid("json");
    const teams = new TeamsRepository(c.env);
    const team = await teams.byId(workspace._id, c.req.param("teamId"));
    if (!team) throw notFound("team");
    if (!(await new MembershipsRepository(c.env).find(workspace._id, body.userId))) throw notFound("member");
    await recordChange(c.env, {
      write: teams.addMemberOp(workspace._id, team._id, body.userId),
      audit: teamAudit(workspace._id, actorOf(c), "team.member_added", team._id, {}, undefined, { userId: body.userId }),
      event: { workspaceId: workspace._id, type: "team.changed", scopes: ["teams", "members"], ids: { teamId: team._id, userId: body.userId } },
    });
    return c.json({ ok: true }, 201);
  })
  .delete("/:teamId/members/:userId", async (c) => {
    const { workspace } = await requirePermission(c, "teams:manage");
    const teams = new TeamsRepository(c.env);
    const team = await teams.byId(workspace._id, c.req.param("teamId"));
    if (!team) throw notFound("team");
    const userId = c.req.param("userId");
    if (team.isDefault && (await new MembershipsRepository(c.env).find(workspace._id, userId))) {
      throw new ApiError("conflict", "Members of the workspace stay in General; remove them from the workspace instead.");
    }
    const { deletedCount } = await recordChange(c.env, {
      write: teams.removeMemberOp(workspace._id, team._id, userId),
      audit: teamAudit(workspace._id, actorOf(c), "team.member_removed", team._id, {}, undefined, { userId }),
      event: { workspaceId: workspace._id, type: "team.changed", scopes: ["teams", "members"], ids: { teamId: team._id, userId } },
    });
    if (deletedCount === 0) throw notFound("team member");
    return c.json({ ok: true });
  });

/** The audit record of a change to a team, for recordChange. */
function teamAudit(
  workspaceId: string,
  actor: { _id: string; displayName: string },
  eventName: string,
  teamId: string,
  metadata: AuditInput["metadata"] = {},
  changes?: AuditInput["changes"],
  relatedIds?: Record<string, string>,
): AuditInput {
  return {
    workspaceId,
    eventName,
    category: "teams",
    actor: userActor(actor),
    target: { type: "team", id: teamId },
    metadata,
    ...(changes ? { changes } : {}),
    ...(relatedIds ? { relatedIds } : {}),
  };
}
