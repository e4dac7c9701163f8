import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf, requireActor } from "../auth/actor.ts";
import { requirePermission, requireWorkspaceContext } from "../guard/workspace-context.ts";
import { workspaceRateLimits } from "../rate-limit/middleware.ts";
import { createWorkspaceBodySchema, updateWorkspaceBodySchema } from "../../shared/api/workspaces.ts";
import { createWorkspace } from "../services/workspace-setup.ts";
import { WorkspacesRepository } from "../../platform/repositories/workspaces.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";
import { toWorkspace } from "./view-models.ts";
import { memberRoutes } from "./members.ts";
import { teamRoutes } from "./teams.ts";
import { invitationRoutes } from "./invitations.ts";
import { eventRoutes } from "./events.ts";
import { usageRoutes } from "./usage.ts";
import { auditRoutes } from "./audit.ts";
import { appRoutes } from "./apps.ts";
import { reviewRoutes } from "./reviews.ts";
import { workspaceIntegrationRoutes } from "./integrations.ts";
import { oauthProviderRoutes } from "./oauth-providers.ts";

export const workspaceRoutes = new Hono<AppEnv>()
  .use("*", requireActor)
  .post("/", jsonBody(createWorkspaceBodySchema), async (c) => {
    const body = c.req.valid("json");
    const workspace = await createWorkspace(c.env, actorOf(c), body.name, body.slug);
    return c.json({ workspace: toWorkspace(workspace, "owner") }, 201);
  })
  .use("/:wId", requireWorkspaceContext, workspaceRateLimits)
  .use("/:wId/*", requireWorkspaceContext, workspaceRateLimits)
  .get("/:wId", async (c) => {
    const { workspace, role } = await requirePermission(c, "workspace:read");
    return c.json({ workspace: toWorkspace(workspace, role) });
  })
  .patch("/:wId", jsonBody(updateWorkspaceBodySchema), async (c) => {
    const { workspace, role } = await requirePermission(c, "workspace:update");
    const body = c.req.valid("json");
    const updated = await new WorkspacesRepository(c.env).rename(workspace._id, body.name);
    await recordAudit(c.env, {
      workspaceId: workspace._id,
      eventName: "workspace.renamed",
      category: "workspace",
      actor: userActor(actorOf(c)),
      target: { type: "workspace", id: workspace._id },
      changes: { name: [workspace.name, body.name] },
    });
    await publishWorkspaceEvent(c.env, workspace._id, "workspace.updated", ["workspace", "me"]);
    return c.json({ workspace: toWorkspace(updated!, role) });
  })
  .route("/:wId/members", memberRoutes)
  .route("/:wId/teams", teamRoutes)
  .route("/:wId/invitations", invitationRoutes)
  .route("/:wId/events", eventRoutes)
  .route("/:wId/audit", auditRoutes)
  .route("/:wId/usage", usageRoutes)
  .route("/:wId/apps", appRoutes)
  .route("/:wId/reviews", reviewRoutes)
  .route("/:wId/integrations", workspaceIntegrationRoutes)
  .route("/:wId/oauth-providers", oauthProviderRoutes);
