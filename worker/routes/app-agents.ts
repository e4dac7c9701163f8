import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { jsonBody, queryParams } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { loadApp } from "../guard/app-access.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { AppsRepository } from "../../platform/repositories/apps.ts";
import { draftAgents } from "../services/agents-config.ts";
import { userActor } from "../services/audit.ts";
import { recordChange } from "../services/record-change.ts";
import { approvalFor } from "../services/agent-runs.ts";
import { unsupportedToolsProblem } from "../../shared/agents/agents-json.ts";
import { approveAgentsBodySchema, availableAgentsQuerySchema, type AppAgents, type AvailableAgents } from "../../shared/api/agents.ts";

/**
 * /api/workspaces/:wId/apps/:aId/agents: the draft agents.json and its approval (builders), and the
 * agents of a version that its users may start (no prompts, tools or collections).
 */
export const appAgentRoutes = new Hono<AppEnv>()
  .get("/available", queryParams(availableAgentsQuerySchema), async (c) => {
    const { version } = c.req.valid("query");
    const { app } = await loadApp(c, version === "draft" ? "edit" : "view");
    const found = await approvalFor(c.env, app, version);
    const agents = found.ok ? found.approval.payload.agents.filter((a) => unsupportedToolsProblem(a) === null) : [];
    return c.json({ agents: agents.map((a) => ({ id: a.id, name: a.name, description: a.description })) } satisfies AvailableAgents);
  })
  .get("/", async (c) => {
    const { app } = await loadApp(c, "edit");
    const agents = await draftAgents(c.env, app.workspaceId, app._id);
    const approval = app.draftAgentsApproval ?? null;
    const body: AppAgents = agents.ok
      ? {
          draft: {
            agents: agents.config.agents,
            appTools: agents.config.appTools,
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
    const approved = await recordChange(c.env, {
      write: new AppsRepository(c.env).setDraftAgentsApprovalOp(app.workspaceId, app._id, {
        hash: agents.hash,
        payload: agents.config,
        approvedByUserId: actor._id,
        approvedAt: new Date(),
      }),
      audit: {
        workspaceId: app.workspaceId,
        eventName: "agent_config.approved",
        category: "apps",
        actor: userActor(actor),
        target: { type: "app", id: app._id },
        metadata: { agentCount: agents.config.agents.length, hash: agents.hash.slice(0, 16) },
        relatedIds: { appId: app._id },
      },
      event: { workspaceId: app.workspaceId, type: "app.updated", scopes: ["apps"], ids: { appId: app._id }, status: app.publishStatus },
    });
    if (!approved) throw notFound("app");
    await c.env.AGENT_SCHEDULER.getByName(app._id).sync(app.workspaceId, app._id);
    return c.json({ approved: true, hash: agents.hash });
  });
