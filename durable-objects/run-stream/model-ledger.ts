import type { ModelUsage } from "../../shared/api/model-call.ts";
import { migrate, type MigrationStep, type SqlHost } from "../sql/migrations.ts";

const LEDGER_MIGRATIONS: readonly MigrationStep[] = [
  {
    version: 1,
    description: "model_calls: one row per metered model call",
    up: (sql) =>
      sql.exec(`CREATE TABLE IF NOT EXISTS model_calls (
      id INTEGER PRIMARY KEY AUTOINCREMENT, turn TEXT NOT NULL, model TEXT NOT NULL, recorded INTEGER NOT NULL DEFAULT 0,
      input INTEGER NOT NULL DEFAULT 0, output INTEGER NOT NULL DEFAULT 0, cache_read INTEGER NOT NULL DEFAULT 0, cache_creation INTEGER NOT NULL DEFAULT 0)`),
  },
  {
    version: 2,
    description: "model_calls.cost_usd: each call priced when recorded (shared/api/model-pricing.ts)",
    up: (sql) => sql.exec(`ALTER TABLE model_calls ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0`),
  },
];

export type LedgerTotals = { calls: number; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number; costUsd: number };

/**
 * The model calls of a run's turns as the platform metered them (the runner's own report is not
 * trusted): one row per call, keyed by the turn's capability id, kept with the run object.
 */
export class ModelLedger {
  private readonly sql: SqlStorage;

  constructor(storage: SqlHost) {
    this.sql = storage.sql;
    migrate(storage, "model-ledger", LEDGER_MIGRATIONS);
  }

  calls(turn: string): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM model_calls WHERE turn = ?`, turn).one().n;
  }

  /** Counts a call before it is made; its usage follows with record(). */
  open(turn: string, model: string): number {
    return this.sql.exec<{ id: number }>(`INSERT INTO model_calls (turn, model) VALUES (?, ?) RETURNING id`, turn, model).one().id;
  }

  /** Records a call's usage and its price (from the one price table). */
  record(callId: number, usage: ModelUsage, costUsd: number): void {
    this.sql.exec(
      `UPDATE model_calls SET recorded = 1, input = ?, output = ?, cache_read = ?, cache_creation = ?, cost_usd = ? WHERE id = ?`,
      usage.inputTokens,
      usage.outputTokens,
      usage.cacheReadTokens,
      usage.cacheCreationTokens,
      costUsd,
      callId,
    );
  }

  /** The models a turn's calls used. */
  models(turn: string): string[] {
    return this.sql
      .exec<{ model: string }>(`SELECT DISTINCT model FROM model_calls WHERE turn = ?`, turn)
      .toArray()
      .map((row) => row.model);
  }

  totals(turn: string): LedgerTotals {
    return this.sql
      .exec<LedgerTotals>(
        `SELECT COUNT(*) AS calls, COALESCE(SUM(input), 0) AS inputTokens, COALESCE(SUM(output), 0) AS outputTokens,
          COALESCE(SUM(cache_read), 0) AS cacheReadTokens, COALESCE(SUM(cache_creation), 0) AS cacheCreationTokens,
          COALESCE(SUM(cost_usd), 0) AS costUsd
         FROM model_calls WHERE turn = ?`,
        turn,
      )
      .one();
  }
}
