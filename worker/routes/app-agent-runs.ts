import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../../platform/api-error.ts";
import { jsonBody, queryParams } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { loadApp } from "../guard/app-access.ts";
import { AppAgentRunsRepository, toAppAgentRun, type AppAgentRunDoc } from "../../platform/repositories/app-agent-runs.ts";
import { startAgentRun } from "../services/agent-runs.ts";
import { userActor } from "../services/audit.ts";
import { agentRunsQuerySchema, createAgentRunBodySchema } from "../../shared/agents/agent-run.ts";

/**
 * Who may see a run: the app's builders see every run; someone who only uses the published app
 * sees the published runs they started themselves (the app's frame follows them), nothing else.
 */
const maySee = (run: AppAgentRunDoc, canEdit: boolean, userId: string) =>
  canEdit || (run.version === "published" && run.triggeredBy.type === "user" && run.triggeredBy.userId === userId);

/** The run, loaded by its full scope after the app check. */
async function loadRun(c: Context<AppEnv>, need: "view" | "edit") {
  const { app, access } = await loadApp(c, need);
  const run = await new AppAgentRunsRepository(c.env).get(app.workspaceId, app._id, c.req.param("runId") ?? "");
  if (!run || !maySee(run, access.canEdit, actorOf(c)._id)) throw notFound("agent run");
  return { app, run, stream: c.env.AGENT_RUN_STREAM.getByName(run._id) };
}

/**
 * /api/workspaces/:wId/apps/:aId/agent-runs: start app agents, list their runs, watch one. Draft
 * runs are for the app's builders; published runs for everyone who may use the published app.
 */
export const appAgentRunRoutes = new Hono<AppEnv>()
  .post("/", jsonBody(createAgentRunBodySchema), async (c) => {
    const body = c.req.valid("json");
    const { app } = await loadApp(c, body.version === "draft" ? "edit" : "view");
    const actor = actorOf(c);
    const run = await startAgentRun(c.env, app, {
      agentId: body.agentId,
      input: body.input ?? null,
      version: body.version,
      triggeredBy: { type: "user", userId: actor._id },
      actor: userActor(actor),
    });
    return c.json({ run: toAppAgentRun(run) }, 201);
  })
  .get("/", queryParams(agentRunsQuerySchema), async (c) => {
    const { app } = await loadApp(c, "edit");
    const { agentId } = c.req.valid("query");
    return c.json({ runs: (await new AppAgentRunsRepository(c.env).list(app.workspaceId, app._id, agentId)).map(toAppAgentRun) });
  })
  .get("/:runId", async (c) => {
    const { run } = await loadRun(c, "view");
    return c.json({ run: toAppAgentRun(run) });
  })
  .get("/:runId/events", async (c) => {
    const { stream } = await loadRun(c, "edit");
    const cursor = c.req.header("last-event-id") ?? c.req.query("cursor") ?? "0";
    return stream.fetch(new Request(`http://run/events?cursor=${encodeURIComponent(cursor)}`));
  })
  .post("/:runId/stop", async (c) => {
    const { stream } = await loadRun(c, "edit");
    return c.json({ stopped: await stream.stop() });
  });
