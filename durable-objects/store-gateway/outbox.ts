/**
 * The embedded change feed's outbox: each app_data write appends its live event here inside the
 * write's own transaction; delivery to the scope's Channel deletes rows only once acknowledged.
 */
export interface OutboxRow {
  id: number;
  channel: string;
  event: unknown;
}

export class Outbox {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS _outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, event TEXT NOT NULL)`);
  }

  append(channel: string, event: unknown): void {
    this.sql.exec(`INSERT INTO _outbox (channel, event) VALUES (?, ?)`, channel, JSON.stringify(event));
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
