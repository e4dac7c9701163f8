import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { loadApp } from "../guard/app-access.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { AppsRepository } from "../../platform/repositories/apps.ts";
import { draftAgents } from "../services/agents-config.ts";
import { recordAudit, userActor } from "../services/audit.ts";
import { publishWorkspaceEvent } from "../../platform/events/workspace-events.ts";
import { approveAgentsBodySchema, type AppAgents } from "../../shared/api/agents.ts";

/** /api/workspaces/:wId/apps/:aId/agents: the draft agents.json and its approval. */
export const appAgentRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { app } = await loadApp(c, "edit");
    const agents = await draftAgents(c.env, app.workspaceId, app._id);
    const approval = app.draftAgentsApproval ?? null;
    const body: AppAgents = agents.ok
      ? {
          draft: {
            agents: agents.config.agents,
            hash: agents.hash,
            approved: approval?.hash === agents.hash,
            approvedAt: approval?.hash === agents.hash ? approval.approvedAt.toISOString() : null,
          },
          problem: null,
        }
      : { draft: null, problem: agents.problem };
    return c.json(body);
  })
  /** An owner or admin approves exactly the agents.json they reviewed (by its canonical-JSON hash). */
  .post("/approve", jsonBody(approveAgentsBodySchema), async (c) => {
    const { app } = await loadApp(c, "view");
    await requirePermission(c, "agents:approve");
    const body = c.req.valid("json");
    const agents = await draftAgents(c.env, app.workspaceId, app._id);
    if (!agents.ok) throw new ApiError("conflict", agents.problem);
    if (agents.hash !== body.hash) throw new ApiError("conflict", "agents.json changed since you reviewed it; review the current version and approve again.");
    const actor = actorOf(c);
    await new AppsRepository(c.env).setDraftAgentsApproval(app.workspaceId, app._id, {
      hash: agents.hash,
      payload: agents.config,
      approvedByUserId: actor._id,
      approvedAt: new Date(),
    });
    await recordAudit(c.env, {
      workspaceId: app.workspaceId,
      eventName: "agent_config.approved",
      category: "apps",
      actor: userActor(actor),
      target: { type: "app", id: app._id },
      metadata: { agentCount: agents.config.agents.length, hash: agents.hash.slice(0, 16) },
      relatedIds: { appId: app._id },
    });
    await c.env.AGENT_SCHEDULER.getByName(app._id).sync(app.workspaceId, app._id);
    await publishWorkspaceEvent(c.env, app.workspaceId, "app.updated", ["apps"], { appId: app._id }, app.publishStatus);
    return c.json({ approved: true, hash: agents.hash });
  });
