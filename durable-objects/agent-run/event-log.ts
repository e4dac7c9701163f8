import type { AgentRunEvent } from "../../shared/agents/agent-run.ts";
import type { LoggedEvent } from "../sse/sse-subscribers.ts";

/** A run's events, numbered from 1 without gaps, kept in the run object's SQLite for replay. */
export class AgentEventLog {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS agent_events (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)`);
  }

  append(event: AgentRunEvent): LoggedEvent {
    const data = JSON.stringify(event);
    const seq = this.sql
      .exec<{ seq: number }>(`INSERT INTO agent_events (seq, data) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM agent_events), ?) RETURNING seq`, data)
      .one().seq;
    return { seq, data };
  }

  after(cursor: number): LoggedEvent[] {
    return this.sql.exec<{ seq: number; data: string }>(`SELECT seq, data FROM agent_events WHERE seq > ? ORDER BY seq`, cursor).toArray();
  }
}
