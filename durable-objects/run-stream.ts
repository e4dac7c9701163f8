import { DurableObject } from "cloudflare:workers";
import type { Env } from "../platform/env.ts";
import { ChunkLog } from "./run-stream/chunk-log.ts";
import { ModelLedger } from "./run-stream/model-ledger.ts";
import { mintBuilderTurnCapability } from "../platform/capabilities/mint.ts";
import type { ModelUsage } from "../shared/api/model-call.ts";
import type { RunUsage } from "../shared/api/runs.ts";
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
import { runnerFetch } from "../platform/runner/runner-client.ts";
import type { RunPersistence, RunScope } from "../platform/ports/run-persistence.ts";
import { workspaceFilesSchema, type BuilderTurnRequest } from "../shared/runner/events.ts";
import { log } from "../platform/log.ts";
import { suggestionsShownProperties, TurnFacts } from "./run-stream/turn-analytics.ts";
import { serverEventTask } from "../platform/analytics/server-events.ts";

export interface ClaimInput {
  runId: string;
  workspaceId: string;
  appId: string;
  /** Who sent the turn: its model calls are charged to this person. */
  userId: string;
  messages: UIMessage[];
  model: string;
  /** What agent_runs holds now (the claim rules below compare against it). */
  storedStatus: RunStatus;
  storedMessageCount: number;
}

const TURN_TIMEOUT_MS = 20 * 60_000;
const WATCHDOG_MS = 60_000;
const KEEP_BUFFER_MS = 60 * 60_000;
const STREAM_HEADERS = { [UI_STREAM_HEADER]: "v1" };

/**
 * One per builder run (docs/architecture.md#data-paths). It claims turns atomically, owns the running turn (closing
 * the browser does not stop it; stop() does), numbers every chat chunk in SQLite, and lets any
 * reader attach at a cursor. On finish it persists the messages and the draft snapshot.
 */
export abstract class RunStream extends DurableObject<Env> {
  /** The run record, draft files and announcements, provided by the Worker's entry (worker/index.ts). */
  protected abstract persistence(): RunPersistence;
  private readonly chunks: ChunkLog;
  private readonly state: RunStateStore;
  private readonly ledger: ModelLedger;
  private readonly readers = new SseSubscribers(15_000);
  private turn: AbortController | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.chunks = new ChunkLog(ctx.storage);
    this.state = new RunStateStore(ctx.storage);
    this.ledger = new ModelLedger(ctx.storage);
  }

  /**
   * The claim rules: a turn that is starting or streaming is not claimed again (the duplicate
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
    const turnId = crypto.randomUUID();
    this.state.set({
      runId: input.runId,
      workspaceId: input.workspaceId,
      appId: input.appId,
      userId: input.userId,
      status: "streaming",
      messageCount: input.messages.length,
      turnId,
      persisted: false,
    });
    const controller = new AbortController();
    this.turn = controller;
    await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
    this.ctx.waitUntil(this.runTurn(input, controller, turnId));
    return { claimed: true, reason: "claimed" };
  }

  /**
   * The model pass-through asks before each call of a turn's capability: only the turn running now,
   * and at most `maxCalls` calls. Answers the ledger row to record the call's usage on, and who
   * sent the turn (the call is charged to them).
   */
  async reserveModelCall(turnId: string, model: string, maxCalls: number): Promise<{ ok: true; callId: number; userId: string | null } | { ok: false; reason: string }> {
    const state = this.state.get();
    if (!this.turn || state?.status !== "streaming" || state.turnId !== turnId) return { ok: false, reason: "The turn this capability was given to is over." };
    if (this.ledger.calls(turnId) >= maxCalls) return { ok: false, reason: `A turn may make at most ${maxCalls} model calls.` };
    return { ok: true, callId: this.ledger.open(turnId, model), userId: state.userId ?? null };
  }

  async recordModelUsage(callId: number, usage: ModelUsage, costUsd: number): Promise<void> {
    this.ledger.record(callId, usage, costUsd);
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
    const run = { workspaceId: state.workspaceId, appId: state.appId, runId: state.runId };
    const stored = await this.persistence().storedRun(run);
    const posted = stored?.messages ?? [];
    await this.persistence().finish(run, {
      status: "failed",
      messages: partial.parts.length ? [...posted, compactForStorage(partial)] : posted,
      usage: null,
      lastError: "interrupted",
    });
    this.state.set({ ...state, status: "failed", messageCount: posted.length + (partial.parts.length ? 1 : 0), persisted: true });
    if (state.userId) {
      const facts = new TurnFacts();
      facts.failed("interrupted", "host_restarted");
      const { event, properties } = facts.event(posted, "failed", stored?.model ?? "unknown", !this.env.ANTHROPIC_API_KEY);
      this.ctx.waitUntil(
        serverEventTask(this.env, state.userId, event, { ...properties, duration_ms: null, workspace_id: state.workspaceId, app_id: state.appId, run_id: state.runId }),
      );
    }
    await this.ctx.storage.setAlarm(Date.now() + KEEP_BUFFER_MS);
  }

  private append(chunk: ChatChunk): void {
    for (const row of this.chunks.append(chunk)) this.readers.broadcast(sseEvent(row.seq, row.data));
  }

  /** The turn's usage as metered at the pass-through; the runner's own report only when nothing was. */
  private meteredUsage(turnId: string, reported: RunUsage | null): RunUsage | null {
    const totals = this.ledger.totals(turnId);
    if (totals.calls === 0) return reported;
    return {
      inputTokens: totals.inputTokens,
      outputTokens: totals.outputTokens,
      costUsd: Math.round(totals.costUsd * 1e6) / 1e6,
      cacheReadTokens: totals.cacheReadTokens,
      cacheCreationTokens: totals.cacheCreationTokens,
      modelCalls: totals.calls,
    };
  }

  /** The turn's figures as metered at the pass-through, in place of the runner's own report. */
  private meteredUsageChunk(turnId: string, reported: Extract<ChatChunk, { type: "data-usage" }> | null): ChatChunk {
    const totals = this.ledger.totals(turnId);
    // The models the pass-through recorded ("demo" when it answered offline).
    const models = this.ledger.models(turnId);
    return {
      type: "data-usage",
      data: {
        inputTokens: totals.inputTokens,
        outputTokens: totals.outputTokens,
        cacheReadTokens: totals.cacheReadTokens,
        cacheWriteTokens: totals.cacheCreationTokens,
        costUsd: Math.round(totals.costUsd * 1e6) / 1e6,
        calls: totals.calls,
        model: models.length ? models.join(", ") : (reported?.data.model ?? "unknown"),
      },
    };
  }

  private async runTurn(input: ClaimInput, controller: AbortController, turnId: string): Promise<void> {
    const { workspaceId, appId, runId } = input;
    const run = { workspaceId, appId, runId };
    let assistant = emptyAssistantMessage(newId("msg"));
    const open = new OpenParts();
    const facts = new TurnFacts();
    const emit = (chunk: ChatChunk) => {
      this.append(chunk);
      open.observe(chunk);
      facts.observe(chunk);
      assistant = applyChunk(assistant, chunk);
    };
    let status: RunStatus = "completed";
    let lastError: string | null = null;
    let usage: { inputTokens: number; outputTokens: number; costUsd: number } | null = null;
    let built = false;
    let usageShown = false;
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(TURN_TIMEOUT_MS)]);
    try {
      emit({ type: "start", messageId: assistant.id });
      await this.persistence().turnStarted(run, input.messages);
      const sourceFiles = await this.persistence().draftFiles(run);
      facts.fileCount = sourceFiles ? Object.keys(sourceFiles).length : 0;
      const capability = await mintBuilderTurnCapability(this.env, { workspaceId, appId, runId, model: input.model, turnId });
      const request: BuilderTurnRequest = {
        runId,
        messages: input.messages,
        model: input.model,
        capability,
        demo: !this.env.ANTHROPIC_API_KEY,
        sourceFiles,
      };
      const response = await runnerFetch(this.env, { workspaceId, appId }, `/sessions/${appId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        signal,
      });
      if (!response.ok || !response.body) {
        facts.failed("runner", `runner_${response.status}`);
        throw new Error(`The runner refused the turn (${response.status}): ${(await response.text()).slice(0, 300)}`);
      }
      const mapper = new RunnerToChunks();
      for await (const event of readRunnerEvents(response.body)) {
        if (event.type === "tool-output" && event.toolName === "present_integration_setup" && !event.isError) {
          // The builder presented integration-setup.json: the app's grants follow it.
          await this.persistence().integrationSetupPresented({ ...run, userId: input.userId }, event.output);
        }
        const shown = event.type === "tool-output" && event.toolName === "show_suggestions" && !event.isError ? suggestionsShownProperties(event.output, input.model) : null;
        if (shown)
          this.ctx.waitUntil(serverEventTask(this.env, input.userId, "showed suggestions tool called", { ...shown, workspace_id: workspaceId, app_id: appId, run_id: runId }));
        for (const chunk of mapper.map(event)) {
          if (chunk.type === "error") {
            status = "failed";
            lastError = chunk.errorText;
            facts.failed("turn", "turn_error");
          }
          if (chunk.type === "data-build" && chunk.data.ok) built = true;
          if (chunk.type === "data-usage") {
            usage = { inputTokens: chunk.data.inputTokens, outputTokens: chunk.data.outputTokens, costUsd: chunk.data.costUsd };
            usageShown = true;
            emit(this.meteredUsageChunk(turnId, chunk));
            continue;
          }
          emit(chunk);
        }
      }
      if (built) {
        try {
          facts.fileCount = await this.saveWorkspace(run);
        } catch (error) {
          status = "failed";
          facts.failed("save", "save_failed");
          lastError = `The build could not be saved: ${error instanceof Error ? error.message : String(error)}`;
          emit({ type: "error", errorText: lastError });
        }
      }
    } catch (error) {
      if (controller.signal.aborted) {
        // Stopped: close what was open, then end the turn with the protocol's abort chunk.
        lastError = "stopped";
        facts.failed("stopped", "stopped");
        for (const chunk of open.close("Stopped")) emit(chunk);
        emit({ type: "abort", reason: "stopped" });
      } else {
        for (const chunk of open.close("The turn failed")) emit(chunk);
        status = "failed";
        if (signal.aborted) facts.failed("timeout", "turn_timeout");
        else facts.failed("runner", "runner_unreachable");
        lastError = signal.aborted ? "The turn took too long and was stopped." : `The runner stopped responding: ${error instanceof Error ? error.message : String(error)}`;
        emit({ type: "error", errorText: lastError });
        log("warn", "builder turn failed", { runId, error: lastError });
      }
    } finally {
      this.turn = null;
      // A stopped or failed turn still shows what it cost.
      if (!usageShown && this.ledger.totals(turnId).calls > 0) emit(this.meteredUsageChunk(turnId, null));
      await this.finishTurn(input, assistant, status, this.meteredUsage(turnId, usage), lastError);
      const { event, properties } = facts.event(assistant.parts.length ? [...input.messages, assistant] : input.messages, status, input.model, !this.env.ANTHROPIC_API_KEY);
      this.ctx.waitUntil(serverEventTask(this.env, input.userId, event, { ...properties, workspace_id: workspaceId, app_id: appId, run_id: runId }));
    }
  }

  /** Saves the built workspace as the draft snapshot; answers how many files it holds. */
  private async saveWorkspace(run: RunScope): Promise<number> {
    const { workspaceId, appId } = run;
    const response = await runnerFetch(this.env, { workspaceId, appId }, `/sessions/${appId}/files`);
    if (!response.ok) throw new Error(`could not read the built workspace (${response.status})`);
    const { files } = workspaceFilesSchema.parse(await response.json());
    await this.persistence().saveDraft(run, files);
    return Object.keys(files).length;
  }

  private async finishTurn(input: ClaimInput, assistant: UIMessage, status: RunStatus, usage: RunUsage | null, lastError: string | null) {
    const messages = assistant.parts.length ? [...input.messages, compactForStorage(assistant)] : input.messages;
    const run = { workspaceId: input.workspaceId, appId: input.appId, runId: input.runId };
    await this.persistence().finish(run, { status, messages, usage, lastError });
    const state = this.state.get();
    if (state) this.state.set({ ...state, status, messageCount: messages.length, persisted: true });
    // A stopped turn already ended with its abort chunk.
    if (status === "completed" && lastError === null) this.append({ type: "finish" });
    this.readers.closeAll("data: [DONE]\n\n");
    await this.persistence().announceFinished(run, status);
    await this.ctx.storage.setAlarm(Date.now() + KEEP_BUFFER_MS);
  }
}
