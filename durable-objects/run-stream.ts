import { DurableObject } from "cloudflare:workers";
import type { Env } from "../worker/env.ts";
import { ChunkLog } from "./run-stream/chunk-log.ts";
import { RunStateStore, type RunState } from "./run-stream/run-state.ts";
import { RunnerToChunks } from "./run-stream/runner-to-chunks.ts";
import { OpenParts } from "./run-stream/open-parts.ts";
import { readRunnerEvents } from "./run-stream/runner-sse.ts";
import { compactForStorage } from "./run-stream/compact-message.ts";
import { SseSubscribers, sseEvent, sseFrames } from "./sse/sse-subscribers.ts";
import { applyChunk, emptyAssistantMessage } from "../shared/chat/assemble.ts";
import { UI_STREAM_HEADER, type ChatChunk } from "../shared/chat/chunks.ts";
import type { UIMessage } from "../shared/chat/messages.ts";
import type { RunStatus } from "../shared/api/runs.ts";
import { newId } from "../shared/ids.ts";
import { runnerFetch } from "../worker/runner/runner-client.ts";
import { AgentRunsRepository } from "../worker/repositories/agent-runs.ts";
import { SnapshotsRepository, filesOf } from "../worker/repositories/snapshots.ts";
import { saveDraftSnapshot } from "../worker/services/snapshot-service.ts";
import { publishWorkspaceEvent } from "../worker/services/workspace-events.ts";
import { workspaceFilesSchema } from "../shared/runner/events.ts";
import { log } from "../worker/http/log.ts";

export interface ClaimInput {
  runId: string;
  workspaceId: string;
  appId: string;
  messages: UIMessage[];
  model: string;
  /** What agent_runs holds now (the claim rules of seed 002 compare against it). */
  storedStatus: RunStatus;
  storedMessageCount: number;
}

const TURN_TIMEOUT_MS = 20 * 60_000;
const WATCHDOG_MS = 60_000;
const KEEP_BUFFER_MS = 60 * 60_000;
const STREAM_HEADERS = { [UI_STREAM_HEADER]: "v1" };

/**
 * One per builder run (DESIGN.md §6). It claims turns atomically, owns the running turn (closing
 * the browser does not stop it; stop() does), numbers every chat chunk in SQLite, and lets any
 * reader attach at a cursor. On finish it persists the messages and the draft snapshot.
 */
export class RunStream extends DurableObject<Env> {
  private readonly chunks: ChunkLog;
  private readonly state: RunStateStore;
  private readonly readers = new SseSubscribers(15_000);
  private turn: AbortController | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.chunks = new ChunkLog(ctx.storage.sql);
    this.state = new RunStateStore(ctx.storage.sql);
  }

  /**
   * Seed 002's rules: a turn that is starting or streaming is not claimed again (the duplicate
   * POST gets an empty stream); a finished run is claimed only by a longer conversation.
   */
  async claim(input: ClaimInput): Promise<{ claimed: boolean; reason: string }> {
    let current = this.state.get();
    // A turn this instance is not running was lost with an earlier instance: end it first.
    if (current?.status === "streaming" && !this.turn) {
      await this.interrupt(current);
      current = this.state.get();
    }
    if (current?.status === "streaming") return { claimed: false, reason: "a turn is already streaming" };
    const finished = (s: RunStatus | undefined) => s === "completed" || s === "failed";
    const known = Math.max(input.storedMessageCount, current?.messageCount ?? 0);
    if ((finished(input.storedStatus) || finished(current?.status)) && input.messages.length <= known) {
      return { claimed: false, reason: "the posted conversation is not longer than the stored one" };
    }
    this.chunks.clear();
    this.state.set({ runId: input.runId, workspaceId: input.workspaceId, appId: input.appId, status: "streaming", messageCount: input.messages.length, persisted: false });
    const controller = new AbortController();
    this.turn = controller;
    await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
    this.ctx.waitUntil(this.runTurn(input, controller));
    return { claimed: true, reason: "claimed" };
  }

  async stop(): Promise<boolean> {
    if (!this.turn) return false;
    this.turn.abort(new Error("stopped"));
    return true;
  }

  /** GET: the turn's chunks after `cursor` (Last-Event-ID or ?cursor=), then the live tail. */
  override async fetch(request: Request): Promise<Response> {
    const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("cursor") ?? "0";
    if (!/^\d{1,12}$/.test(raw)) {
      return Response.json({ error: { code: "validation_failed", message: "The cursor must be a non-negative integer." } }, { status: 400 });
    }
    const live = this.state.get()?.status === "streaming" && this.turn !== null;
    // The AI SDK's resume convention: 204 when no turn is running.
    if (!live && new URL(request.url).searchParams.get("only") === "live") return new Response(null, { status: 204 });
    const replay = sseFrames(this.chunks.after(Number(raw)));
    if (live) return this.readers.open(replay, STREAM_HEADERS);
    // Nothing is running here: the replay is the whole answer.
    return new Response(`${replay}data: [DONE]\n\n`, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...STREAM_HEADERS } });
  }

  /** Watchdog while streaming (a lost instance leaves no turn behind), then buffer cleanup. */
  override async alarm(): Promise<void> {
    const state = this.state.get();
    if (!state) return;
    if (state.status === "streaming") {
      if (this.turn) {
        await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
        return;
      }
      await this.interrupt(state);
      return;
    }
    if (state.persisted) this.chunks.clear();
  }

  /**
   * This instance restarted mid-turn (the runner call died with the old one): end the turn as failed
   * with an error chunk, keeping the conversation and what was streamed.
   */
  private async interrupt(state: RunState): Promise<void> {
    const open = new OpenParts();
    let partial = emptyAssistantMessage(newId("msg"));
    for (const row of this.chunks.after(0)) {
      const chunk = JSON.parse(row.data) as ChatChunk;
      open.observe(chunk);
      partial = applyChunk(partial, chunk);
    }
    for (const chunk of open.close("The turn was interrupted")) {
      this.append(chunk);
      partial = applyChunk(partial, chunk);
    }
    this.append({ type: "error", errorText: "The turn was interrupted (the run's host restarted). What was streamed is kept; send the message again to continue." });
    const runs = new AgentRunsRepository(this.env);
    const posted = (await runs.get(state.workspaceId, state.appId, state.runId))?.messages ?? [];
    await runs.finish(state.workspaceId, state.appId, state.runId, {
      status: "failed",
      messages: partial.parts.length ? [...posted, compactForStorage(partial)] : posted,
      usage: null,
      lastError: "interrupted",
    });
    this.state.set({ ...state, status: "failed", messageCount: posted.length + (partial.parts.length ? 1 : 0), persisted: true });
    await this.ctx.storage.setAlarm(Date.now() + KEEP_BUFFER_MS);
  }

  private append(chunk: ChatChunk): void {
    const row = this.chunks.append(chunk);
    this.readers.broadcast(sseEvent(row.seq, row.data));
  }

  private async runTurn(input: ClaimInput, controller: AbortController): Promise<void> {
    const { workspaceId, appId, runId } = input;
    const runs = new AgentRunsRepository(this.env);
    let assistant = emptyAssistantMessage(newId("msg"));
    const open = new OpenParts();
    const emit = (chunk: ChatChunk) => {
      this.append(chunk);
      open.observe(chunk);
      assistant = applyChunk(assistant, chunk);
    };
    let status: RunStatus = "completed";
    let lastError: string | null = null;
    let usage: { inputTokens: number; outputTokens: number; costUsd: number } | null = null;
    let built = false;
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(TURN_TIMEOUT_MS)]);
    try {
      emit({ type: "start", messageId: assistant.id });
      await runs.markStreaming(workspaceId, appId, runId, input.messages);
      await publishWorkspaceEvent(this.env, workspaceId, "run.stream_ready", ["runs"], { appId, runId }, "streaming");
      const snapshot = await new SnapshotsRepository(this.env).get(workspaceId, appId, "draft");
      const response = await runnerFetch(this.env, appId, `/sessions/${appId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ runId, messages: input.messages, model: input.model, sourceFiles: snapshot ? filesOf(snapshot) : null }),
        signal,
      });
      if (!response.ok || !response.body) throw new Error(`The runner refused the turn (${response.status}): ${(await response.text()).slice(0, 300)}`);
      const mapper = new RunnerToChunks();
      for await (const event of readRunnerEvents(response.body)) {
        for (const chunk of mapper.map(event)) {
          if (chunk.type === "error") {
            status = "failed";
            lastError = chunk.errorText;
          }
          if (chunk.type === "data-build" && chunk.data.ok) built = true;
          if (chunk.type === "data-usage") usage = { inputTokens: chunk.data.inputTokens, outputTokens: chunk.data.outputTokens, costUsd: chunk.data.costUsd };
          emit(chunk);
        }
      }
      if (built) {
        try {
          await this.saveWorkspace(workspaceId, appId);
        } catch (error) {
          status = "failed";
          lastError = `The build could not be saved: ${error instanceof Error ? error.message : String(error)}`;
          emit({ type: "error", errorText: lastError });
        }
      }
    } catch (error) {
      if (controller.signal.aborted) {
        // Stopped: close what was open, then end the turn with the protocol's abort chunk.
        lastError = "stopped";
        for (const chunk of open.close("Stopped")) emit(chunk);
        emit({ type: "abort", reason: "stopped" });
      } else {
        for (const chunk of open.close("The turn failed")) emit(chunk);
        status = "failed";
        lastError = signal.aborted ? "The turn took too long and was stopped." : `The runner stopped responding: ${error instanceof Error ? error.message : String(error)}`;
        emit({ type: "error", errorText: lastError });
        log("warn", "builder turn failed", { runId, error: lastError });
      }
    } finally {
      this.turn = null;
      await this.finishTurn(input, assistant, status, usage, lastError);
    }
  }

  private async saveWorkspace(workspaceId: string, appId: string): Promise<void> {
    const response = await runnerFetch(this.env, appId, `/sessions/${appId}/files`);
    if (!response.ok) throw new Error(`could not read the built workspace (${response.status})`);
    const { files } = workspaceFilesSchema.parse(await response.json());
    await saveDraftSnapshot(this.env, workspaceId, appId, files);
  }

  private async finishTurn(input: ClaimInput, assistant: UIMessage, status: RunStatus, usage: { inputTokens: number; outputTokens: number; costUsd: number } | null, lastError: string | null) {
    const messages = assistant.parts.length ? [...input.messages, compactForStorage(assistant)] : input.messages;
    await new AgentRunsRepository(this.env).finish(input.workspaceId, input.appId, input.runId, { status, messages, usage, lastError });
    const state = this.state.get();
    if (state) this.state.set({ ...state, status, messageCount: messages.length, persisted: true });
    // A stopped turn already ended with its abort chunk.
    if (status === "completed" && lastError === null) this.append({ type: "finish" });
    this.readers.closeAll("data: [DONE]\n\n");
    await publishWorkspaceEvent(this.env, input.workspaceId, "run.completed", ["runs", "apps"], { appId: input.appId, runId: input.runId }, status);
    await this.ctx.storage.setAlarm(Date.now() + KEEP_BUFFER_MS);
  }
}
