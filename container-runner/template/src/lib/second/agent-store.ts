import type { ParentMessage } from "@second/protocol";
import type { Transport } from "./transport.ts";

export type AgentStatus = "idle" | "running" | "completed" | "failed";
export interface AgentSnapshot {
  status: AgentStatus;
  runId: string | null;
  output: string | null;
  error: Error | null;
}
type AgentUpdate = Extract<ParentMessage, { type: "second:agent:update" }>;

/**
 * One agent's latest run as the app sees it. trigger() asks the platform to start a run; the
 * platform owns the run, and its status arrives later as second:agent:update.
 */
export class AgentStore {
  private snapshot: AgentSnapshot = { status: "idle", runId: null, output: null, error: null };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly agentId: string,
    private readonly transport: Pick<Transport, "request">,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private set(next: AgentSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  /** Applies an update about this agent's current run (older runs' updates are ignored). */
  apply(message: AgentUpdate): void {
    if (message.agentId !== this.agentId || message.runId !== this.snapshot.runId) return;
    this.set({ status: message.status, runId: message.runId, output: message.output ?? null, error: message.error ? new Error(message.error.message) : null });
  }

  async trigger(input?: string | Record<string, unknown>): Promise<string> {
    this.set({ status: "running", runId: null, output: null, error: null });
    try {
      const reply = await this.transport.request<"second:agent:trigger">({ type: "second:agent:trigger", agentId: this.agentId, ...(input === undefined ? {} : { input }) });
      this.set({ status: reply.status, runId: reply.runId, output: reply.output ?? null, error: null });
      return reply.runId;
    } catch (error) {
      this.set({ status: "failed", runId: null, output: null, error: error instanceof Error ? error : new Error(String(error)) });
      throw error;
    }
  }
}
