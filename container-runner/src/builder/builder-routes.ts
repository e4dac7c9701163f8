import type { IncomingMessage, ServerResponse } from "node:http";
import type Anthropic from "@anthropic-ai/sdk";
import { builderTurnRequestSchema, type RunnerEvent } from "../../../shared/runner/events.ts";
import { sendError, sendJson } from "../http/respond.ts";
import { log } from "../log.ts";
import type { BuilderSessions } from "./sessions.ts";
import { runBuilderTurn } from "./turn.ts";

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/** POST /sessions/:appId/messages: one builder turn, answered as SSE of RunnerEvents. */
export async function handleBuilderTurn(
  req: IncomingMessage,
  res: ServerResponse,
  appId: string,
  sessions: BuilderSessions,
  model: { client: Anthropic; demo: boolean },
): Promise<void> {
  const parsed = builderTurnRequestSchema.safeParse(await readJson(req).catch(() => null));
  if (!parsed.success) return sendError(res, "validation_failed", `Invalid builder turn: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const session = await sessions.open(appId, parsed.data.sourceFiles);
  // One turn per app workspace. The platform decides which turn is current (a run's turn is only
  // claimed again once the previous one ended there), so a newer turn supersedes a leftover one.
  if (session.turn) {
    session.turn.controller.abort();
    await session.turn.done;
  }

  const controller = new AbortController();
  let finished: () => void = () => undefined;
  session.turn = { controller, done: new Promise<void>((resolve) => (finished = resolve)) };
  // The platform hung up (Stop, or the RunStream went away): stop the model call too.
  res.on("close", () => controller.abort());
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  const emit = (event: RunnerEvent) => {
    if (!res.writableEnded) res.write(`data: ${JSON.stringify(event)}\n\n`);
  };
  try {
    await runBuilderTurn({ client: model.client, demo: model.demo, model: parsed.data.model, dir: session.dir, messages: parsed.data.messages, signal: controller.signal, emit });
  } catch (error) {
    const message = controller.signal.aborted ? "The turn was stopped." : error instanceof Error ? error.message : String(error);
    if (!controller.signal.aborted) log("error", "builder turn failed", { appId, error: error instanceof Error ? error.stack : String(error) });
    emit({ type: "error", message });
  } finally {
    finished();
    session.turn = null;
    session.lastUsed = Date.now();
    res.end();
  }
}

export async function handleFiles(res: ServerResponse, appId: string, sessions: BuilderSessions): Promise<void> {
  const files = await sessions.files(appId);
  if (!files) return sendError(res, "not_found", "This runner has no workspace for the app (it expired or never started).");
  sendJson(res, 200, { files });
}
