import type { Outbox, OutboxRow } from "./outbox.ts";

export type PublishFn = (channel: string, events: { sourceEventId: string; data: unknown }[]) => Promise<unknown>;

const BATCH = 500;

/**
 * Drains the outbox in write order, one channel batch at a time; a failed publish stops the drain
 * (so a channel never receives a later event before an earlier one) and leaves the rest for retry.
 * Channels drop duplicates by sourceEventId, so a retry after a lost acknowledgement is harmless.
 */
export class OutboxDelivery {
  private running: Promise<void> | null = null;

  constructor(
    private readonly outbox: Outbox,
    private readonly publish: PublishFn,
    private readonly sourcePrefix: string,
  ) {}

  /** Starts a drain, or joins the one under way (which also picks up rows appended meanwhile). */
  drain(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    for (;;) {
      const rows = this.outbox.pending(BATCH);
      if (rows.length === 0) return;
      for (const [channel, group] of groupInOrder(rows)) {
        await this.publish(
          channel,
          group.map((row) => ({ sourceEventId: `${this.sourcePrefix}:${row.id}`, data: row.event })),
        );
        this.outbox.ack(group.map((row) => row.id));
      }
    }
  }
}

/** Consecutive runs would also keep order, but grouping per channel keeps batches large. */
function groupInOrder(rows: OutboxRow[]): Map<string, OutboxRow[]> {
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const group = groups.get(row.channel) ?? [];
    group.push(row);
    groups.set(row.channel, group);
  }
  return groups;
}
