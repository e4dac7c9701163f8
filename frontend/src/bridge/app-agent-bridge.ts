import { iframeRequestSchema, type IframeRequest, type ParentMessage } from "../../../shared/bridge/protocol.ts";
import type { WorkspaceEvent } from "../../../shared/realtime/workspace-events.ts";
import type { AppAgentRun } from "../../../shared/agents/agent-run.ts";
import type { DataTarget } from "./data-api.ts";
import { ApiClientError } from "../api/client.ts";
import { agentApi } from "./agent-api.ts";

/** Workspace events carry run updates; this slow poll only catches one that was missed. */
const WATCHDOG_POLL_MS = 20_000;

const failure = (error: unknown) =>
  error instanceof ApiClientError ? { code: error.code, message: error.message } : { code: "network_error", message: error instanceof Error ? error.message : String(error) };

/** The app sees running, completed or failed; a stopped run is a failed one to it. */
type AgentUpdate = Extract<ParentMessage, { type: "second:agent:update" }>;

function update(run: AppAgentRun): AgentUpdate {
  const status = run.status === "running" || run.status === "completed" ? run.status : "failed";
  return {
    type: "second:agent:update",
    agentId: run.agentId,
    runId: run.id,
    status,
    output: run.output,
    ...(status === "failed" ? { error: { code: run.status === "stopped" ? "stopped" : "agent_failed", message: run.error ?? "The agent run failed." } } : {}),
  };
}

/**
 * The parent side of the iframe's agent messages: `second:agent:trigger` starts a run through the
 * API (the run does not depend on this page staying open), and every run the frame started is
 * followed until it ends, from workspace events, with a slow poll as a watchdog. Messages are
 * accepted only from this iframe's window and only when they match the shared schema.
 */
export class AppAgentBridge {
  private readonly api;
  /** Runs this frame started that have not ended yet. */
  private readonly following = new Set<string>();
  private poll: ReturnType<typeof setInterval> | null = null;
  private readonly onMessage = (event: MessageEvent) => {
    if (event.source !== this.iframe.contentWindow) return;
    const parsed = iframeRequestSchema.safeParse(event.data);
    if (!parsed.success) return;
    void this.answer(parsed.data).then((reply) => reply && this.post(reply));
  };

  constructor(
    private readonly iframe: HTMLIFrameElement,
    target: DataTarget,
  ) {
    this.api = agentApi(target);
    window.addEventListener("message", this.onMessage);
  }

  private post(message: ParentMessage): void {
    this.iframe.contentWindow?.postMessage(message, "*");
  }

  private async answer(request: IframeRequest): Promise<ParentMessage | null> {
    const { requestId } = request;
    if (request.type === "second:agent:list") {
      return this.api.agents().then(
        ({ agents }) => ({ type: "second:agent:list-response", agents, requestId }),
        (error) => ({ type: "second:agent:list-response", requestId, error: failure(error) }),
      );
    }
    if (request.type !== "second:agent:trigger") return null;
    try {
      const { run } = await this.api.trigger(request.agentId, request.input);
      this.follow(run.id);
      return { ...update(run), requestId };
    } catch (error) {
      return { type: "second:agent:update", agentId: request.agentId, runId: "", status: "failed", requestId, error: failure(error) };
    }
  }

  private follow(runId: string): void {
    this.following.add(runId);
    this.poll ??= setInterval(() => {
      for (const id of this.following) void this.refresh(id);
    }, WATCHDOG_POLL_MS);
  }

  private async refresh(runId: string): Promise<void> {
    const run = await this.api.run(runId).then(
      (r) => r.run,
      () => null,
    );
    if (!run || run.status === "running" || !this.following.delete(runId)) return;
    this.post(update(run));
    if (this.following.size === 0 && this.poll) {
      clearInterval(this.poll);
      this.poll = null;
    }
  }

  /** A workspace event about one of this frame's runs: fetch it and tell the frame. */
  onWorkspaceEvent(event: WorkspaceEvent): void {
    const runId = event.ids.runId;
    if (event.type === "agent_run.updated" && runId && this.following.has(runId)) void this.refresh(runId);
  }

  dispose(): void {
    window.removeEventListener("message", this.onMessage);
    if (this.poll) clearInterval(this.poll);
    this.following.clear();
  }
}
