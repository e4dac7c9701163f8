import type { RunStatus } from "../../shared/api/runs.ts";
import { type MigrationStep, type SqlHost, migrate } from "../sql/migrations.ts";

export interface RunState {
  runId: string;
  workspaceId: string;
  appId: string;
  /** Who sent the current turn (absent in objects from before usage was charged to people). */
  userId?: string;
  status: RunStatus;
  /** Messages in the conversation when the current turn was claimed. */
  messageCount: number;
  /** The current turn's capability id: model calls are accepted for this turn only. */
  turnId?: string;
  /** The turn's outcome is in agent_runs (the buffer may be dropped). */
  persisted: boolean;
}

const MIGRATIONS: MigrationStep[] = [
  {
    version: 1,
    description: "state: the run's one row",
    up: (sql) => sql.exec(`CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL)`),
  },
];

/** The run object's one row of state. */
export class RunStateStore {
  private readonly sql: SqlStorage;

  constructor(host: SqlHost) {
    migrate(host, "run_state", MIGRATIONS);
    this.sql = host.sql;
  }

  get(): RunState | null {
    const row = this.sql.exec<{ value: string }>(`SELECT value FROM state WHERE id = 1`).toArray()[0];
    return row ? (JSON.parse(row.value) as RunState) : null;
  }

  set(state: RunState): void {
    this.sql.exec(`INSERT INTO state (id, value) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value`, JSON.stringify(state));
  }
}
