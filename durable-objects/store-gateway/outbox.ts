import { type MigrationStep, type SqlHost, migrate } from "../sql/migrations.ts";
import { announcementOrReset } from "../sql/row-budget.ts";

const MIGRATIONS: MigrationStep[] = [
  {
    version: 1,
    description: "_outbox: announcements waiting for their channel's acknowledgement",
    up: (sql) => sql.exec(`CREATE TABLE IF NOT EXISTS _outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, event TEXT NOT NULL)`),
  },
];

/**
 * The embedded change feed's outbox: each app_data write appends its live event here inside the
 * write's own transaction; delivery to the scope's Channel deletes rows only once acknowledged.
 * An event too large for a row is queued as a reset (subscribers refetch), so it can neither fail
 * the write that caused it nor block the rows behind it.
 */
export interface OutboxRow {
  id: number;
  channel: string;
  event: unknown;
}

export class Outbox {
  private readonly sql: SqlStorage;

  constructor(host: SqlHost) {
    migrate(host, "outbox", MIGRATIONS);
    this.sql = host.sql;
  }

  append(channel: string, event: unknown): void {
    this.sql.exec(`INSERT INTO _outbox (channel, event) VALUES (?, ?)`, channel, announcementOrReset(JSON.stringify(event) ?? "null"));
  }

  /** The oldest pending rows, in write order. */
  pending(limit: number): OutboxRow[] {
    return this.sql
      .exec<{ id: number; channel: string; event: string }>(`SELECT id, channel, event FROM _outbox ORDER BY id LIMIT ?`, limit)
      .toArray()
      .map((row) => ({ id: row.id, channel: row.channel, event: JSON.parse(row.event) as unknown }));
  }

  ack(ids: number[]): void {
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      this.sql.exec(`DELETE FROM _outbox WHERE id IN (${chunk.map(() => "?").join(",")})`, ...chunk);
    }
  }

  size(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM _outbox`).one().n;
  }
}
