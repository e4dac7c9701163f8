import { createParser, type EventSourceMessage } from "eventsource-parser";

export interface SseEvent {
  id: number;
  data: unknown;
}

/** Reads an SSE response into parsed events (eventsource-parser does the framing). */
export class SseReader {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private readonly parser = createParser({
    onEvent: (message: EventSourceMessage) => this.events.push({ id: Number(message.id), data: JSON.parse(message.data) }),
    onComment: (comment) => this.comments.push(comment),
  });
  private done = false;
  private pump: Promise<void>;

  constructor(response: Response) {
    if (!response.body) throw new Error(`no body (status ${response.status})`);
    this.reader = response.body.getReader();
    this.pump = this.run();
  }

  private async run(): Promise<void> {
    try {
      for (;;) {
        const { value, done } = await this.reader.read();
        if (done) break;
        this.parser.feed(this.decoder.decode(value, { stream: true }));
      }
    } finally {
      this.done = true;
    }
  }

  get closed(): boolean {
    return this.done;
  }

  get lastId(): number {
    return this.events.at(-1)?.id ?? 0;
  }

  /** Waits until `predicate` holds (or the stream ends), polling the parsed events. */
  async until(predicate: (events: SseEvent[]) => boolean, timeoutMs = 20_000): Promise<SseEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      if (this.done) throw new Error(`stream ended after ${this.events.length} events`);
      if (Date.now() > deadline) throw new Error(`timed out with ${this.events.length} events`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.events;
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
    await this.pump.catch(() => undefined);
  }
}
