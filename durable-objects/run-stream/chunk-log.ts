import type { ChatChunk } from "../../shared/chat/chunks.ts";
import type { LoggedEvent } from "../sse/sse-subscribers.ts";

/** The current turn's chunks, numbered from 1 without gaps, in the run object's SQLite. */
export class ChunkLog {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS chunks (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)`);
  }

  append(chunk: ChatChunk): LoggedEvent {
    const data = JSON.stringify(chunk);
    const seq = this.sql.exec<{ seq: number }>(`INSERT INTO chunks (seq, data) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM chunks), ?) RETURNING seq`, data).one().seq;
    return { seq, data };
  }

  after(cursor: number): LoggedEvent[] {
    return this.sql.exec<{ seq: number; data: string }>(`SELECT seq, data FROM chunks WHERE seq > ? ORDER BY seq`, cursor).toArray();
  }

  clear(): void {
    this.sql.exec(`DELETE FROM chunks`);
  }
}
