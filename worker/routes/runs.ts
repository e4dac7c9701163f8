import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { notFound } from "../../platform/api-error.ts";
import { jsonBody, queryParams } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { loadApp } from "../guard/app-access.ts";
import { AgentRunsRepository, type AgentRunDoc } from "../../platform/repositories/agent-runs.ts";
import { chatBodySchema, createRunBodySchema, DEFAULT_BUILDER_MODEL, streamQuerySchema, type Run } from "../../shared/api/runs.ts";
import { UI_STREAM_HEADER } from "../../shared/chat/chunks.ts";
import { supersedePendingReviews } from "../services/reviews.ts";
import { userActor } from "../services/audit.ts";

const toRun = (r: AgentRunDoc): Run => ({
  id: r._id,
  appId: r.appId,
  status: r.status,
  model: r.model,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  usage: r.usage,
  lastError: r.lastError,
});

/** The run, loaded by its full scope after the app check (builders only). */
async function loadRun(c: Context<AppEnv>) {
  const { app } = await loadApp(c, "edit");
  const run = await new AgentRunsRepository(c.env).get(app.workspaceId, app._id, c.req.param("runId") ?? "");
  if (!run) throw notFound("run");
  return { app, run, stream: c.env.RUN_STREAM.getByName(run._id) };
}

/** A successful, empty turn stream: what a duplicate POST gets (docs/http-api.md#builder-runs). */
const emptyStream = () =>
  new Response("data: [DONE]\n\n", { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", [UI_STREAM_HEADER]: "v1" } });

/** /api/workspaces/:wId/apps/:aId/runs (docs/http-api.md#builder-runs). */
export const runRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { app } = await loadApp(c, "edit");
    return c.json({ runs: (await new AgentRunsRepository(c.env).list(app.workspaceId, app._id)).map(toRun) });
  })
  .post("/", jsonBody(createRunBodySchema), async (c) => {
    const { app } = await loadApp(c, "edit");
    const body = c.req.valid("json");
    const model = body.model ?? app.builderModel ?? c.env.SECOND_BUILDER_MODEL ?? DEFAULT_BUILDER_MODEL;
    const run = await new AgentRunsRepository(c.env).create(app.workspaceId, app._id, actorOf(c)._id, model);
    return c.json({ run: toRun(run) }, 201);
  })
  .get("/:runId/chat", async (c) => {
    const { run } = await loadRun(c);
    return c.json({ run: toRun(run), messages: run.messages });
  })
  .post("/:runId/chat", jsonBody(chatBodySchema), async (c) => {
    const body = c.req.valid("json");
    const { app, run, stream } = await loadRun(c);
    const claim = await stream.claim({
      runId: run._id,
      workspaceId: app.workspaceId,
      appId: app._id,
      userId: actorOf(c)._id,
      messages: body.messages,
      model: body.model ?? app.builderModel ?? run.model,
      storedStatus: run.status,
      storedMessageCount: run.messages.length,
    });
    if (!claim.claimed) return emptyStream();
    // A new builder message changes the app: a pending review no longer describes it.
    await supersedePendingReviews(c.env, app, "A builder message changed the app after the request.", userActor(actorOf(c)));
    return stream.fetch(new Request("http://run/stream?cursor=0"));
  })
  .get("/:runId/stream", queryParams(streamQuerySchema), async (c) => {
    const { stream } = await loadRun(c);
    const q = c.req.valid("query");
    const cursor = c.req.header("last-event-id") ?? String(q.cursor ?? 0);
    return stream.fetch(new Request(`http://run/stream?cursor=${encodeURIComponent(cursor)}`));
  })
  // Where the AI SDK's DefaultChatTransport resumes (api + "/:chatId/stream"): the running turn
  // from its first chunk, or 204 when none runs. The chat id is the client's; the run is in the path.
  .get("/:runId/chat/:chatId/stream", async (c) => {
    const { stream } = await loadRun(c);
    return stream.fetch(new Request("http://run/stream?cursor=0&only=live"));
  })
  .post("/:runId/stop", async (c) => {
    const { stream } = await loadRun(c);
    return c.json({ stopped: await stream.stop() });
  });
