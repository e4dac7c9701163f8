import type { LoggedEvent } from "./event-log.ts";

/** Fewest and most milliseconds events may wait to be delivered together. */
export const MIN_WINDOW_MS = 2;
export const MAX_WINDOW_MS = 25;
/** Events waiting for a delivery at most (a burst larger than this is delivered at once). */
const MAX_PENDING_EVENTS = 500;
/** Per subscriber: the window grows with the audience, so deliveries per second per object stay bounded. */
const WINDOW_MS_PER_SUBSCRIBER = 0.05;

/** The coalescing window for an audience: 2 ms up to 40 subscribers, 5 ms at 100, 25 ms from 500 on (decision 0009, amended by 0034). */
export function windowFor(subscribers: number): number {
  return Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, subscribers * WINDOW_MS_PER_SUBSCRIBER));
}

/**
 * Turns a channel's stream of published runs of events into deliveries: the first run after a
 * quiet window goes out at once; runs published within the window after a delivery wait for its
 * end and go out together, as one delivery (one SSE chunk, one WebSocket frame per subscriber).
 * Events are stored before they get here, so waiting loses nothing; a delivery is always the
 * consecutive seqs after the previous one.
 */
export class Coalescer {
  private pending: LoggedEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastDelivery = Number.NEGATIVE_INFINITY;
  private delivered: number;

  constructor(
    deliveredSeq: number,
    private readonly windowMs: () => number,
    private readonly deliver: (events: LoggedEvent[]) => void,
  ) {
    this.delivered = deliveredSeq;
  }

  /** The last seq handed to live subscribers; events after it are stored but not yet delivered. */
  get deliveredSeq(): number {
    return this.delivered;
  }

  add(events: LoggedEvent[]): void {
    this.pending.push(...events);
    const wait = this.lastDelivery + this.windowMs() - Date.now();
    // The timer alone is not enough: while publishes arrive back to back the runtime may not run
    // it, so a publish that finds the window over (or too much waiting) delivers itself.
    if (wait <= 0 || this.pending.length >= MAX_PENDING_EVENTS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** Delivers whatever is waiting now (before a new WebSocket starts at the delivered seq). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const events = this.pending;
    const last = events.at(-1);
    if (!last) return;
    this.pending = [];
    this.lastDelivery = Date.now();
    this.delivered = last.seq;
    this.deliver(events);
  }
}
