import type { ChatChunk } from "../../shared/chat/chunks.ts";
import type { LoggedEvent } from "../sse/sse-subscribers.ts";
import { type MigrationStep, type SqlHost, migrate } from "../sql/migrations.ts";
import { fitChunk } from "./chunk-fit.ts";

const MIGRATIONS: MigrationStep[] = [
  {
    version: 1,
    description: "chunks: the current turn's numbered chunks",
    up: (sql) => sql.exec(`CREATE TABLE IF NOT EXISTS chunks (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)`),
  },
];

/** The current turn's chunks, numbered from 1 without gaps, in the run object's SQLite. */
export class ChunkLog {
  private readonly sql: SqlStorage;

  constructor(host: SqlHost) {
    migrate(host, "chunk_log", MIGRATIONS);
    this.sql = host.sql;
  }

  /** One row per chunk; a chunk too large for a row is stored as several (see fitChunk). */
  append(chunk: ChatChunk): LoggedEvent[] {
    return fitChunk(chunk).map((piece) => {
      const data = JSON.stringify(piece);
      const seq = this.sql.exec<{ seq: number }>(`INSERT INTO chunks (seq, data) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM chunks), ?) RETURNING seq`, data).one().seq;
      return { seq, data };
    });
  }

  after(cursor: number): LoggedEvent[] {
    return this.sql.exec<{ seq: number; data: string }>(`SELECT seq, data FROM chunks WHERE seq > ? ORDER BY seq`, cursor).toArray();
  }

  clear(): void {
    this.sql.exec(`DELETE FROM chunks`);
  }
}
