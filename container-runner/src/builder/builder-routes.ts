import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { builderTurnRequestSchema, type BuilderTurnRequest, type RunnerEvent } from "../../../shared/runner/events.ts";
import { runnerAppParamsSchema } from "../../../shared/runner/paths.ts";
import { assertCallFor, type RunnerEnv } from "../http/platform-auth.ts";
import { RunnerError, errorResponse } from "../http/errors.ts";
import { sseResponse } from "../http/sse.ts";
import { validJson, validParams } from "../http/validate.ts";
import { log } from "../log.ts";
import type { BuilderSessions } from "./sessions.ts";
import { modelClientFor } from "./model-client.ts";
import { runBuilderTurn } from "./turn.ts";

/** A turn carries the draft snapshot (at most 20 MiB of files) and the conversation. */
const TURN_BODY_BYTES = 24 * 1024 * 1024;
const AGENTS_PENDING = "App agent runs are not available yet: they arrive with app agents.";

const tooLarge = bodyLimit({ maxSize: TURN_BODY_BYTES, onError: () => errorResponse("payload_too_large", `A turn request may be at most ${TURN_BODY_BYTES} bytes.`) });

/** One builder turn, answered as SSE of RunnerEvents. One turn per app workspace at a time. */
async function startTurn(appId: string, turn: BuilderTurnRequest, sessions: BuilderSessions, platformUrl: string | undefined): Promise<Response> {
  const client = modelClientFor(platformUrl, turn.capability);
  const session = await sessions.open(appId, turn.sourceFiles);
  // The platform decides which turn is current (a run's turn is only claimed again once the
  // previous one ended there), so a newer turn supersedes a leftover one.
  if (session.turn) {
    session.turn.controller.abort();
    await session.turn.done;
  }
  const controller = new AbortController();
  let finished: () => void = () => undefined;
  session.turn = { controller, done: new Promise<void>((resolve) => (finished = resolve)) };
  return sseResponse(
    async (send, hangUp) => {
      // The platform hung up (Stop, or the RunStream went away): stop the model call too.
      hangUp.addEventListener("abort", () => controller.abort());
      const emit = (event: RunnerEvent) => send(event);
      try {
        await runBuilderTurn({ client, demo: turn.demo, model: turn.model, dir: session.dir, messages: turn.messages, signal: controller.signal, emit });
      } catch (error) {
        const message = controller.signal.aborted ? "The turn was stopped." : error instanceof Error ? error.message : String(error);
        if (!controller.signal.aborted) log("error", "builder turn failed", { appId, error: error instanceof Error ? error.stack : String(error) });
        emit({ type: "error", message });
      } finally {
        finished();
        session.turn = null;
        session.lastUsed = Date.now();
      }
    },
    { heartbeatMs: 15_000 },
  );
}

/** /sessions/*: builder sessions of the apps the platform names (each call is bound to its app). */
export function builderRoutes(sessions: BuilderSessions, platformUrl: string | undefined) {
  const forApp = validParams(runnerAppParamsSchema);
  return new Hono<RunnerEnv>()
    .post("/:appId/messages", tooLarge, forApp, validJson(builderTurnRequestSchema, "builder turn"), async (c) => {
      const { appId } = c.req.valid("param");
      assertCallFor(c.var.call, appId);
      return startTurn(appId, c.req.valid("json"), sessions, platformUrl);
    })
    .get("/:appId/status", forApp, (c) => {
      const { appId } = c.req.valid("param");
      assertCallFor(c.var.call, appId);
      return c.json(sessions.status(appId));
    })
    .delete("/:appId", forApp, async (c) => {
      const { appId } = c.req.valid("param");
      assertCallFor(c.var.call, appId);
      await sessions.close(appId);
      return c.json({ ok: true });
    })
    .get("/:appId/files", forApp, async (c) => {
      const { appId } = c.req.valid("param");
      assertCallFor(c.var.call, appId);
      const files = await sessions.files(appId);
      if (!files) throw new RunnerError("not_found", "This runner has no workspace for the app (it expired or never started).");
      return c.json({ files });
    })
    .post("/:appId/agent-run", forApp, () => errorResponse("not_implemented", AGENTS_PENDING))
    .get("/:appId/agent-run/:runId/events", forApp, () => errorResponse("not_implemented", AGENTS_PENDING));
}
