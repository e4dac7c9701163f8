import type { ModelUsage } from "../../shared/api/model-call.ts";

export type LedgerTotals = { calls: number; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheCreationTokens: number; costUsd: number };

/**
 * The model calls of a run's turns as the platform metered them (the runner's own report is not
 * trusted): one row per call, keyed by the turn's capability id, kept with the run object.
 */
export class ModelLedger {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS model_calls (
      id INTEGER PRIMARY KEY AUTOINCREMENT, turn TEXT NOT NULL, model TEXT NOT NULL, recorded INTEGER NOT NULL DEFAULT 0,
      input INTEGER NOT NULL DEFAULT 0, output INTEGER NOT NULL DEFAULT 0, cache_read INTEGER NOT NULL DEFAULT 0, cache_creation INTEGER NOT NULL DEFAULT 0)`);
    // Objects created before calls were priced here get the column (SQLite has no ADD COLUMN IF NOT EXISTS).
    const columns = sql.exec<{ name: string }>(`PRAGMA table_info(model_calls)`).toArray();
    if (!columns.some((column) => column.name === "cost_usd")) sql.exec(`ALTER TABLE model_calls ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0`);
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
    return this.sql.exec<{ model: string }>(`SELECT DISTINCT model FROM model_calls WHERE turn = ?`, turn).toArray().map((row) => row.model);
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
