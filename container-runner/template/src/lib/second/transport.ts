import { RateLimitGate } from "./rate-limit-gate.ts";
import { parentMessageSchema, type ParentMessage, type RequestBody, type RequestType, type ResponseOf } from "@second/protocol";

type Pending = { resolve: (message: ParentMessage) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> };
type Listener = (message: ParentMessage) => void;

export const REQUEST_TIMEOUT_MS = 15_000;
const WRITES = new Set<RequestType>(["second:data:insert", "second:data:update", "second:data:delete", "second:agent:trigger", "second:integration:execute"]);
/** An integration call may wait on an outside system (the platform gives it 15 s) before it answers. */
const TIMEOUTS: Partial<Record<RequestType, number>> = { "second:integration:execute": 40_000 };

/** An API error carried back from the platform (or a timeout), surfaced to the app as `error`. */
export class SecondDataError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** `rate_limited`: how long the platform asked to wait before trying again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "SecondDataError";
  }
}

/**
 * The iframe's side of the postMessage protocol: requests with ids and timeouts, and a stream of
 * pushed messages (live changes). Only messages from the parent window that pass the shared schema
 * are accepted.
 */
export class Transport {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<Listener>();
  private readonly writes = new RateLimitGate();
  private counter = 0;

  constructor(private readonly target: Window = window.parent) {
    window.addEventListener("message", (event: MessageEvent) => {
      if (event.source !== this.target) return;
      const parsed = parentMessageSchema.safeParse(event.data);
      if (!parsed.success) return;
      const message = parsed.data;
      const requestId = "requestId" in message ? message.requestId : undefined;
      const waiting = requestId ? this.pending.get(requestId) : undefined;
      if (waiting && requestId) {
        this.pending.delete(requestId);
        clearTimeout(waiting.timer);
        if ("error" in message && message.error) waiting.reject(new SecondDataError(message.error.code, message.error.message, message.error.retryAfterMs));
        else waiting.resolve(message);
        return;
      }
      for (const listener of this.listeners) listener(message);
    });
  }

  /** Writes back off when the platform answers `rate_limited` (see RateLimitGate); reads are never held. */
  request<K extends RequestType>(message: RequestBody<K>): Promise<ResponseOf<K>> {
    return WRITES.has(message.type) ? this.writes.run(() => this.send(message)) : this.send(message);
  }

  private send<K extends RequestType>(message: RequestBody<K>): Promise<ResponseOf<K>> {
    const requestId = `r${Date.now().toString(36)}-${++this.counter}`;
    const timeoutMs = TIMEOUTS[message.type] ?? REQUEST_TIMEOUT_MS;
    return new Promise<ResponseOf<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new SecondDataError("timeout", `The platform did not answer ${message.type} within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      this.pending.set(requestId, { resolve: (m) => resolve(m as ResponseOf<K>), reject, timer });
      this.target.postMessage({ ...message, requestId }, "*");
    });
  }

  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
