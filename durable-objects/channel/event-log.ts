import type { PublishEvent, PublishResult } from "../../shared/realtime/channel-frames.ts";

import type { LoggedEvent } from "../sse/sse-subscribers.ts";

export type { LoggedEvent };

export const DEFAULT_CAPACITY = 10_000;

/**
 * A channel's numbered ring buffer in SQLite: seq from 1 without gaps, the newest `capacity`
 * events kept, and the source ids of those events remembered to drop redelivered duplicates.
 */
export class EventLog {
  constructor(
    private readonly sql: SqlStorage,
    private readonly transact: <T>(fn: () => T) => T,
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, source_id TEXT, data TEXT NOT NULL)`);
    sql.exec(`CREATE UNIQUE INDEX IF NOT EXISTS events_source ON events (source_id) WHERE source_id IS NOT NULL`);
    sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`);
  }

  private meta(key: string, fallback: number): number {
    return this.sql.exec<{ value: number }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0]?.value ?? fallback;
  }

  private setMeta(key: string, value: number): void {
    this.sql.exec(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value);
  }

  get lastSeq(): number {
    return this.meta("last_seq", 0);
  }

  get capacity(): number {
    return this.meta("capacity", DEFAULT_CAPACITY);
  }

  setCapacity(capacity: number): void {
    this.transact(() => {
      this.setMeta("capacity", capacity);
      this.trim();
    });
  }

  /** The oldest seq still held (lastSeq + 1 when empty). */
  get firstSeq(): number {
    return this.sql.exec<{ s: number | null }>(`SELECT MIN(seq) AS s FROM events`).one().s ?? this.lastSeq + 1;
  }

  /** Numbers and stores the events in one transaction; duplicates by source id are skipped. */
  append(events: PublishEvent[]): { result: PublishResult; logged: LoggedEvent[] } {
    return this.transact(() => {
      let last = this.lastSeq;
      const logged: LoggedEvent[] = [];
      const published: PublishResult["published"] = [];
      let duplicates = 0;
      const seenInBatch = new Set<string>();
      for (const event of events) {
        const sourceId = event.sourceEventId ?? null;
        if (sourceId !== null) {
          const known = seenInBatch.has(sourceId) || this.sql.exec(`SELECT 1 FROM events WHERE source_id = ?`, sourceId).toArray().length > 0;
          if (known) {
            duplicates++;
            continue;
          }
          seenInBatch.add(sourceId);
        }
        const seq = ++last;
        const data = JSON.stringify(event.data ?? null);
        this.sql.exec(`INSERT INTO events (seq, source_id, data) VALUES (?, ?, ?)`, seq, sourceId, data);
        logged.push({ seq, data });
        published.push(sourceId === null ? { seq } : { seq, sourceEventId: sourceId });
      }
      this.setMeta("last_seq", last);
      this.trim();
      return { result: { published, duplicates, lastSeq: last }, logged };
    });
  }

  /** Events after `since`, oldest first. */
  after(since: number, limit = 1000): LoggedEvent[] {
    return this.sql.exec<{ seq: number; data: string }>(`SELECT seq, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?`, since, limit).toArray();
  }

  private trim(): void {
    this.sql.exec(`DELETE FROM events WHERE seq <= ?`, this.lastSeq - this.capacity);
  }
}
