/** What a migration needs from a Durable Object's storage (ctx.storage satisfies it). */
export interface SqlHost {
  readonly sql: SqlStorage;
  transactionSync<T>(fn: () => T): T;
}

/** One schema step of a component: versions start at 1 and increase by one. */
export interface MigrationStep {
  version: number;
  description: string;
  up(sql: SqlStorage): void;
}

export interface MigrationOutcome {
  /** The component's schema version after the call. */
  version: number;
  /** Versions applied by this call, in order. */
  applied: number[];
}

/**
 * Brings one component's tables (an object may hold several components) to the newest version.
 * Each pending step runs in its own synchronous transaction together with its `_migrations` row,
 * so a step is applied whole or not at all and never twice. Called from a constructor: storage
 * calls are synchronous, so no request reaches the object before its schema is current.
 *
 * A stored version above the newest step means newer code migrated this object and older code is
 * running again (a rollback): nothing is undone and the object keeps working, which is why every
 * step must leave the schema usable by the code one version back (add, never rename or drop).
 */
export function migrate(host: SqlHost, component: string, steps: readonly MigrationStep[]): MigrationOutcome {
  steps.forEach((step, index) => {
    if (step.version !== index + 1) throw new Error(`Migrations of ${component} must be numbered 1, 2, 3…; step ${index + 1} says ${step.version}.`);
  });
  host.sql.exec(
    `CREATE TABLE IF NOT EXISTS _migrations (component TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL, applied_at INTEGER NOT NULL, PRIMARY KEY (component, version))`,
  );
  const current = currentVersion(host.sql, component);
  const applied: number[] = [];
  for (const step of steps.slice(current)) {
    host.transactionSync(() => {
      step.up(host.sql);
      host.sql.exec(`INSERT INTO _migrations (component, version, description, applied_at) VALUES (?, ?, ?, ?)`, component, step.version, step.description, Date.now());
    });
    applied.push(step.version);
  }
  return { version: Math.max(current, steps.length), applied };
}

export function currentVersion(sql: SqlStorage, component: string): number {
  return sql.exec<{ v: number | null }>(`SELECT MAX(version) AS v FROM _migrations WHERE component = ?`, component).one().v ?? 0;
}
