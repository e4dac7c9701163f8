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
];

export type LedgerTotals = { calls: number; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number };

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

  record(callId: number, usage: ModelUsage): void {
    this.sql.exec(
      `UPDATE model_calls SET recorded = 1, input = ?, output = ?, cache_read = ?, cache_creation = ? WHERE id = ?`,
      usage.inputTokens,
      usage.outputTokens,
      usage.cacheReadTokens,
      usage.cacheCreationTokens,
      callId,
    );
  }

  /** Input and output tokens per model, for pricing. */
  byModel(turn: string): { model: string; input: number; output: number }[] {
    return this.sql.exec<{ model: string; input: number; output: number }>(`SELECT model, SUM(input) AS input, SUM(output) AS output FROM model_calls WHERE turn = ? GROUP BY model`, turn).toArray();
  }

  totals(turn: string): LedgerTotals {
    return this.sql
      .exec<LedgerTotals>(
        `SELECT COUNT(*) AS calls, COALESCE(SUM(input), 0) AS inputTokens, COALESCE(SUM(output), 0) AS outputTokens,
          COALESCE(SUM(cache_read), 0) AS cacheReadTokens, COALESCE(SUM(cache_creation), 0) AS cacheCreationTokens
         FROM model_calls WHERE turn = ?`,
        turn,
      )
      .one();
  }
}
