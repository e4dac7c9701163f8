import { DurableObject } from "cloudflare:workers";
import type { Env } from "../platform/env.ts";
import { AgentEventLog } from "./agent-run/event-log.ts";
import type { AgentRunRecord } from "./agent-run/run-record.ts";
import { readAgentEvents } from "./agent-run/runner-stream.ts";
import { ModelLedger } from "./run-stream/model-ledger.ts";
import { SseSubscribers, sseEvent, sseFrames } from "./sse/sse-subscribers.ts";
import { mintAgentRunCapability } from "../platform/capabilities/mint.ts";
import { runnerFetch } from "../platform/runner/runner-client.ts";
import { AppAgentRunsRepository } from "../platform/repositories/app-agent-runs.ts";
import { publishWorkspaceEvent } from "../platform/events/workspace-events.ts";
import { log } from "../platform/log.ts";
import { agentRunEvent, runnerFailureCode, type RunFailure } from "./agent-run/run-analytics.ts";
import { serverEventTask } from "../platform/analytics/server-events.ts";
import type { ModelUsage } from "../shared/api/model-call.ts";
import type { AgentDefinition } from "../shared/agents/agents-json.ts";
import type { AgentInput, AgentRunEvent, AgentRunLimits, AgentRunStatus, AgentRunUsage, AgentRunRequest } from "../shared/agents/agent-run.ts";

export interface AgentRunStart {
  runId: string;
  workspaceId: string;
  appId: string;
  version: "draft" | "published";
  agent: AgentDefinition;
  input: AgentInput | null;
  model: string;
  limits: AgentRunLimits;
  /** Who the run's model calls are charged to: the person who triggered it, or for a scheduled run the admin whose approval it acts under. */
  chargedUserId: string;
  /** How the run started (analytics). */
  trigger: "user" | "schedule";
}

type Outcome = { status: AgentRunStatus; output: string | null; error: string | null; failure?: RunFailure };

const RECORD = "run";
/** The watchdog looks every 30 s; a runner silent for 45 s (it sends a heartbeat every 10 s) is lost. */
const WATCHDOG_MS = 30_000;
const LOST_AFTER_MS = 45_000;
const RUNNER_LOST = "The run's runner stopped responding; the run was ended.";

/**
 * One per app agent run. It starts the run in the runner and holds the runner's event stream (no
 * browser connection is needed: closing the tab does not stop it), numbers and stores each event,
 * serves them as SSE from any cursor, meters the run's model calls, and persists the outcome
 * itself (the one place a run is finished). A watchdog alarm ends a run whose runner was lost.
 */
export class AgentRunStream extends DurableObject<Env> {
  private readonly events: AgentEventLog;
  private readonly ledger: ModelLedger;
  private readonly readers = new SseSubscribers(15_000);
  private running: AbortController | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.events = new AgentEventLog(ctx.storage.sql);
    this.ledger = new ModelLedger(ctx.storage);
  }

  private record(): AgentRunRecord | undefined {
    return this.ctx.storage.kv.get<AgentRunRecord>(RECORD);
  }

  private save(record: AgentRunRecord): void {
    this.ctx.storage.kv.put(RECORD, record);
  }

  async start(run: AgentRunStart): Promise<{ started: boolean }> {
    if (this.record()) return { started: false };
    const jti = crypto.randomUUID();
    const maxModelCalls = run.limits.maxToolCalls + 5;
    this.save({
      runId: run.runId,
      workspaceId: run.workspaceId,
      appId: run.appId,
      agentId: run.agent.id,
      version: run.version,
      chargedUserId: run.chargedUserId,
      trigger: run.trigger,
      model: run.model,
      startedAt: Date.now(),
      status: "running",
      jti,
      maxModelCalls,
      lastSeenAt: Date.now(),
    });
    const controller = new AbortController();
    this.running = controller;
    await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
    this.ctx.waitUntil(this.drive(run, jti, maxModelCalls, controller));
    this.ctx.waitUntil(
      serverEventTask(this.env, run.chargedUserId, "app agent triggered", {
        trigger: run.trigger,
        app_version: run.version,
        has_input: run.input !== null,
        model: run.model,
        workspace_id: run.workspaceId,
        app_id: run.appId,
        run_id: run.runId,
        agent_id: run.agent.id,
      }),
    );
    return { started: true };
  }

  async status(): Promise<AgentRunStatus | null> {
    return this.record()?.status ?? null;
  }

  async stop(): Promise<boolean> {
    if (!this.running) return false;
    this.running.abort(new Error("stopped"));
    return true;
  }

  /** The pass-through asks before each model call of this run's capability. */
  async reserveModelCall(jti: string, model: string): Promise<{ ok: true; callId: number; userId: string | null; runKind: "agent" | "scheduled" } | { ok: false; reason: string }> {
    const record = this.record();
    if (!this.running || record?.status !== "running" || record.jti !== jti) return { ok: false, reason: "The agent run this capability was given to is over." };
    if (this.ledger.calls(jti) >= record.maxModelCalls) return { ok: false, reason: `An agent run may make at most ${record.maxModelCalls} model calls.` };
    return { ok: true, callId: this.ledger.open(jti, model), userId: record.chargedUserId ?? null, runKind: record.trigger === "schedule" ? "scheduled" : "agent" };
  }

  async recordModelUsage(callId: number, usage: ModelUsage, costUsd: number): Promise<void> {
    this.ledger.record(callId, usage, costUsd);
  }

  /** GET: the run's events after `cursor` (Last-Event-ID or ?cursor=), then the live tail. */
  override async fetch(request: Request): Promise<Response> {
    const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("cursor") ?? "0";
    if (!/^\d{1,12}$/.test(raw)) return Response.json({ error: { code: "validation_failed", message: "The cursor must be a non-negative integer." } }, { status: 400 });
    const replay = sseFrames(this.events.after(Number(raw)));
    if (this.record()?.status === "running" && this.running) return this.readers.open(replay);
    return new Response(`${replay}data: [DONE]\n\n`, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" } });
  }

  /** The watchdog: a run no instance is driving, or whose runner went silent, ends as failed. */
  override async alarm(): Promise<void> {
    const record = this.record();
    if (record?.status !== "running") return;
    if (!this.running) {
      await this.finish(
        record,
        { status: "failed", output: null, error: RUNNER_LOST, failure: { phase: "runner_lost", code: "no_host" } },
        { toolCalls: 0, terminalLogged: false },
      );
      return;
    }
    if (Date.now() - record.lastSeenAt > LOST_AFTER_MS) {
      this.running.abort(new Error("lost"));
      return;
    }
    await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
  }

  private append(event: AgentRunEvent): void {
    const row = this.events.append(event);
    this.readers.broadcast(sseEvent(row.seq, row.data));
  }

  private async drive(run: AgentRunStart, jti: string, maxModelCalls: number, controller: AbortController): Promise<void> {
    let outcome: Outcome | null = null;
    let toolCalls = 0;
    let terminalLogged = false;
    try {
      const capability = await mintAgentRunCapability(this.env, {
        workspaceId: run.workspaceId,
        appId: run.appId,
        version: run.version,
        runId: run.runId,
        agentId: run.agent.id,
        collections: run.agent.dataCollections,
        model: { models: [run.model], maxOutputTokens: 4_096, maxCalls: maxModelCalls },
        ttlSeconds: Math.ceil(run.limits.maxMs / 1000) + 120,
        jti,
      });
      const request: AgentRunRequest = {
        runId: run.runId,
        version: run.version,
        agent: run.agent,
        input: run.input,
        model: run.model,
        capability,
        limits: run.limits,
        demo: !this.env.ANTHROPIC_API_KEY,
      };
      const response = await runnerFetch(this.env, { workspaceId: run.workspaceId, appId: run.appId }, `/sessions/${run.appId}/agent-run`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`The runner refused the run (${response.status}): ${(await response.text()).slice(0, 300)}`);
      const alive = () => {
        const record = this.record();
        if (record) this.save({ ...record, lastSeenAt: Date.now() });
      };
      for await (const event of readAgentEvents(response.body, alive)) {
        this.append(event);
        if (event.type === "tool-call") toolCalls++;
        if (event.type === "completed") outcome = { status: "completed", output: event.output, error: null };
        if (event.type === "failed") outcome = { status: "failed", output: null, error: event.error, failure: { phase: "turn", code: runnerFailureCode(event.error) } };
        terminalLogged = outcome !== null;
      }
      if (!outcome) throw new Error("the runner ended the run without an outcome");
    } catch (error) {
      const reason = controller.signal.reason instanceof Error ? controller.signal.reason.message : "";
      if (reason === "stopped") outcome = { status: "stopped", output: null, error: "Stopped by a user." };
      else if (reason === "lost") outcome = { status: "failed", output: null, error: RUNNER_LOST, failure: { phase: "runner_lost", code: "runner_silent" } };
      else
        outcome = {
          status: "failed",
          output: null,
          error: `The run failed: ${error instanceof Error ? error.message : String(error)}`,
          failure: { phase: "runner", code: "runner_error" },
        };
      if (outcome.status === "failed") log("warn", "agent run failed", { runId: run.runId, error: outcome.error });
    } finally {
      this.running = null;
      const record = this.record();
      if (record && outcome) await this.finish(record, outcome, { toolCalls, terminalLogged });
    }
  }

  private usage(jti: string, toolCalls: number): AgentRunUsage {
    const totals = this.ledger.totals(jti);
    return { inputTokens: totals.inputTokens, outputTokens: totals.outputTokens, costUsd: Math.round(totals.costUsd * 1e6) / 1e6, modelCalls: totals.calls, toolCalls };
  }

  /** The single place a run ends: the event, app_agent_runs, the workspace event. Idempotent. */
  private async finish(record: AgentRunRecord, outcome: Outcome, ended: { toolCalls: number; terminalLogged: boolean }): Promise<void> {
    if (record.status !== "running") return;
    this.save({ ...record, status: outcome.status });
    if (!ended.terminalLogged) this.append({ type: "failed", error: outcome.error ?? "The run ended." });
    this.readers.closeAll("data: [DONE]\n\n");
    const usage = this.usage(record.jti, ended.toolCalls);
    await new AppAgentRunsRepository(this.env).finish(record.workspaceId, record.appId, record.runId, { ...outcome, usage });
    if (record.chargedUserId) {
      const { event, properties } = agentRunEvent(record, outcome, usage);
      this.ctx.waitUntil(serverEventTask(this.env, record.chargedUserId, event, properties));
    }
    await publishWorkspaceEvent(this.env, record.workspaceId, "agent_run.updated", ["runs"], { appId: record.appId, runId: record.runId, agentId: record.agentId }, outcome.status);
  }
}
