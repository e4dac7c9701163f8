/** A numbered SSE event (`id:` + JSON `data:`). */
export interface LoggedEvent {
  seq: number;
  data: string;
}

const encoder = new TextEncoder();
/** A subscriber that falls this many chunks behind is closed; it resumes with Last-Event-ID. */
const MAX_QUEUED_CHUNKS = 2_000;

export const sseEvent = (seq: number, data: string) => `id: ${seq}\ndata: ${data}\n\n`;
export const sseFrames = (events: LoggedEvent[]) => events.map((e) => sseEvent(e.seq, e.data)).join("");

interface Subscriber {
  writer: WritableStreamDefaultWriter<Uint8Array>;
}

/** The open SSE responses of one object (a channel, a run). SSE cannot hibernate: they live in memory. */
export class SseSubscribers {
  private readonly subscribers = new Set<Subscriber>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly heartbeatMs: number) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Ends every open stream (after `final`, e.g. `data: [DONE]`). */
  closeAll(final = ""): void {
    for (const subscriber of this.subscribers) {
      if (final) this.write(subscriber, final);
      void subscriber.writer.close().catch(() => undefined);
    }
    this.subscribers.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Opens a stream that starts with `initial` (replay or reset), then receives every broadcast. */
  open(initial: string, headers: Record<string, string> = {}): Response {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const subscriber: Subscriber = { writer: writable.getWriter() };
    this.subscribers.add(subscriber);
    subscriber.writer.closed.then(
      () => this.drop(subscriber),
      () => this.drop(subscriber),
    );
    this.write(subscriber, `retry: 2000\n\n${initial}`);
    this.startHeartbeat();
    return new Response(readable, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no", ...headers },
    });
  }

  broadcast(chunk: string): void {
    for (const subscriber of this.subscribers) this.write(subscriber, chunk);
  }

  private write(subscriber: Subscriber, text: string): void {
    const { writer } = subscriber;
    if (writer.desiredSize !== null && writer.desiredSize < -MAX_QUEUED_CHUNKS) {
      this.drop(subscriber);
      void writer.abort(new Error("subscriber too slow")).catch(() => undefined);
      return;
    }
    // A rejected write means the reader went away; `closed` above removes the subscriber.
    writer.write(encoder.encode(text)).catch(() => this.drop(subscriber));
  }

  private drop(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private startHeartbeat(): void {
    this.heartbeat ??= setInterval(() => this.broadcast(": heartbeat\n\n"), this.heartbeatMs);
  }
}
