import { z } from "zod";
import type { PublishEvent, PublishResult } from "../../shared/realtime/channel-frames.ts";
import { type MigrationStep, migrate } from "../sql/migrations.ts";
import { announcementOrReset } from "../sql/row-budget.ts";

/** A stored event: its seq and its data as JSON text (sent as is, never re-serialized). */
export interface LoggedEvent {
  seq: number;
  data: string;
}

export const DEFAULT_CAPACITY = 10_000;
const capacitySchema = z.number().int().min(1).max(1_000_000);

const MIGRATIONS: MigrationStep[] = [
  {
    version: 1,
    description: "events ring buffer, source-id dedup index, meta",
    up: (sql) => {
      sql.exec(`CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, source_id TEXT, data TEXT NOT NULL)`);
      sql.exec(`CREATE UNIQUE INDEX IF NOT EXISTS events_source ON events (source_id) WHERE source_id IS NOT NULL`);
      sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`);
    },
  },
];

/**
 * A channel's numbered ring buffer in SQLite: seq from 1 without gaps, the newest `capacity`
 * events kept, and the source ids of those events remembered to drop redelivered duplicates
 * (so the dedup window is the buffer).
 */
export class EventLog {
  /** Mirrors meta.last_seq; the object is single-threaded, so memory and storage agree. */
  private last: number;
  private cap: number;

  constructor(
    private readonly sql: SqlStorage,
    private readonly transact: <T>(fn: () => T) => T,
  ) {
    migrate({ sql, transactionSync: transact }, "event_log", MIGRATIONS);
    this.last = this.meta("last_seq", 0);
    this.cap = this.meta("capacity", DEFAULT_CAPACITY);
  }

  get lastSeq(): number {
    return this.last;
  }

  get capacity(): number {
    return this.cap;
  }

  /** The oldest seq still held (lastSeq + 1 when empty). */
  get firstSeq(): number {
    return this.sql.exec<{ s: number | null }>(`SELECT MIN(seq) AS s FROM events`).one().s ?? this.last + 1;
  }

  setCapacity(capacity: number): void {
    const valid = capacitySchema.parse(capacity);
    this.transact(() => {
      this.setMeta("capacity", valid);
      this.trim(this.last, valid);
    });
    this.cap = valid;
  }

  /** Numbers and stores the events in one synchronous transaction; duplicates by source id are skipped. */
  append(events: PublishEvent[]): { result: PublishResult; logged: LoggedEvent[] } {
    const outcome = this.transact(() => {
      let last = this.last;
      const logged: LoggedEvent[] = [];
      const published: PublishResult["published"] = [];
      const seenInBatch = new Set<string>();
      let duplicates = 0;
      for (const event of events) {
        const sourceId = event.sourceEventId ?? null;
        if (sourceId !== null) {
          if (seenInBatch.has(sourceId) || this.known(sourceId)) {
            duplicates++;
            continue;
          }
          seenInBatch.add(sourceId);
        }
        const seq = ++last;
        // Too large for a row: subscribers get a reset and refetch (see row-budget.ts).
        const data = announcementOrReset(JSON.stringify(event.data ?? null));
        this.sql.exec(`INSERT INTO events (seq, source_id, data) VALUES (?, ?, ?)`, seq, sourceId, data);
        logged.push({ seq, data });
        published.push(sourceId === null ? { seq } : { seq, sourceEventId: sourceId });
      }
      if (logged.length) {
        this.setMeta("last_seq", last);
        this.trim(last, this.cap);
      }
      return { result: { published, duplicates, lastSeq: last }, logged };
    });
    // Only after the commit: a throwing transaction rolls back and leaves `last` as it was.
    this.last = outcome.result.lastSeq;
    return outcome;
  }

  /** Events after `since`, oldest first: up to `limit` of them, and no more once `maxChars` of data are read. */
  after(since: number, limit: number, maxChars = Number.POSITIVE_INFINITY): LoggedEvent[] {
    const page: LoggedEvent[] = [];
    let chars = 0;
    for (const row of this.sql.exec<{ seq: number; data: string }>(`SELECT seq, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?`, since, limit)) {
      page.push(row);
      chars += row.data.length;
      if (chars >= maxChars) break;
    }
    return page;
  }

  private known(sourceId: string): boolean {
    return this.sql.exec(`SELECT 1 FROM events WHERE source_id = ?`, sourceId).toArray().length > 0;
  }

  private trim(last: number, capacity: number): void {
    this.sql.exec(`DELETE FROM events WHERE seq <= ?`, last - capacity);
  }

  private meta(key: string, fallback: number): number {
    return this.sql.exec<{ value: number }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0]?.value ?? fallback;
  }

  private setMeta(key: string, value: number): void {
    this.sql.exec(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value);
  }
}
