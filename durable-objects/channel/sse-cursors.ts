import type { EventLog, LoggedEvent } from "./event-log.ts";
import type { StartPoint } from "./start-point.ts";
import { SSE_HEARTBEAT, SSE_PREAMBLE, sseEvents, sseReset } from "./wire.ts";

export interface SseCursorOptions {
  heartbeatMs: number;
  /** Bytes a stream may hold unread before it stops taking broadcasts and reads the log instead. */
  queueBytes: number;
  /** Events per chunk when a stream reads the log (a chunk also stops at about `queueBytes`). */
  pageSize: number;
}

interface Cursor {
  controller: ReadableStreamDefaultController<Uint8Array>;
  /** The last seq handed to this stream: every enqueue continues exactly from here. */
  seq: number;
}

const encoder = new TextEncoder();
const HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" };

/**
 * The open SSE subscriptions of a channel. SSE cannot hibernate, so they live in memory; each is a
 * cursor over the event log. A stream that keeps up gets each broadcast chunk as it is published
 * (one chunk shared by all streams). A stream that lags (queue at `queueBytes`, or still replaying)
 * takes no broadcasts; when its reader makes room, the stream's pull reads the next page from
 * SQLite. So a slow subscriber holds at most about `queueBytes` plus one page or one published
 * batch, however far it falls behind, and is never cut off; once the buffer no longer holds its
 * next event it gets `reset` and continues live, exactly as a resume from that point would.
 */
export class SseCursors {
  private readonly cursors = new Set<Cursor>();
  /** Where the next broadcast starts in `cursors`, so no stream is always served last. */
  private turn = 0;
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly log: EventLog,
    private readonly options: SseCursorOptions,
    /** The last seq the channel delivered (later ones wait in its coalescing window). */
    private readonly deliveredSeq: () => number,
  ) {}

  get size(): number {
    return this.cursors.size;
  }

  /** Bytes queued unread over all streams (for stats and the backpressure test). */
  get queuedBytes(): number {
    let total = 0;
    for (const { controller } of this.cursors) total += Math.max(0, this.options.queueBytes - (controller.desiredSize ?? 0));
    return total;
  }

  /** `live`: the last delivered seq, where a stream without a resume point starts. */
  open(start: StartPoint, live: number): Response {
    // `start` runs synchronously inside the constructor, so the controller is set before use.
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          controller = c;
        },
        pull: () => this.catchUp(cursor),
        cancel: () => this.drop(cursor),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: this.options.queueBytes }),
    );
    const cursor: Cursor = { controller, seq: start.kind === "replay" ? start.since : live };
    controller.enqueue(encoder.encode(start.kind === "reset" ? SSE_PREAMBLE + sseReset(cursor.seq) : SSE_PREAMBLE));
    this.cursors.add(cursor);
    this.heartbeat ??= setInterval(() => this.beat(), this.options.heartbeatMs);
    return new Response(stream, { headers: HEADERS });
  }

  /**
   * Hands a delivery (consecutive events) to every stream that is exactly caught up and has room:
   * one chunk, encoded once, shared by all of them.
   */
  broadcast(events: LoggedEvent[]): void {
    const first = events[0];
    const last = events.at(-1);
    if (!first || !last || this.cursors.size === 0) return;
    let chunk: Uint8Array | null = null;
    const cursors = [...this.cursors];
    const start = this.turn++ % cursors.length;
    for (let k = 0; k < cursors.length; k++) {
      const cursor = cursors[(start + k) % cursors.length]!;
      if ((cursor.controller.desiredSize ?? 0) <= 0) continue;
      if (cursor.seq === first.seq - 1) {
        chunk ??= encoder.encode(sseEvents(events));
        this.push(cursor, last.seq, chunk);
      } else if (cursor.seq >= first.seq && cursor.seq < last.seq) {
        // Resumed at a seq that was still waiting to be delivered: it gets the rest of this delivery.
        this.push(cursor, last.seq, encoder.encode(sseEvents(events.filter((event) => event.seq > cursor.seq))));
      }
    }
  }

  /**
   * The stream has room: feed it the next page from the log, or `reset` if the log moved past it.
   * Only up to the delivered seq: events still waiting in the coalescing window come with the
   * next broadcast, in the chunk every caught-up stream shares (reading them here would make each
   * stream query SQLite for them on its own).
   */
  private catchUp(cursor: Cursor): void {
    const delivered = this.deliveredSeq();
    if (!this.cursors.has(cursor) || cursor.seq >= delivered) return;
    if (cursor.seq + 1 < this.log.firstSeq) {
      // Reset to the last stored seq: a waiting delivery ends at or before it and skips this stream.
      this.push(cursor, this.log.lastSeq, encoder.encode(sseReset(this.log.lastSeq)));
      return;
    }
    const page = this.log.after(cursor.seq, this.options.pageSize, this.options.queueBytes).filter((event) => event.seq <= delivered);
    const last = page.at(-1);
    if (last) this.push(cursor, last.seq, encoder.encode(sseEvents(page)));
  }

  /** Moves the cursor first: enqueue may call pull (catchUp) synchronously, which reads from `seq`. */
  private push(cursor: Cursor, seq: number, chunk: Uint8Array): void {
    cursor.seq = seq;
    cursor.controller.enqueue(chunk);
  }

  private beat(): void {
    const chunk = encoder.encode(SSE_HEARTBEAT);
    // A stream with a full queue has data waiting; it needs no keep-alive.
    for (const { controller } of this.cursors) if ((controller.desiredSize ?? 0) > 0) controller.enqueue(chunk);
  }

  private drop(cursor: Cursor): void {
    this.cursors.delete(cursor);
    if (this.cursors.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }
}
