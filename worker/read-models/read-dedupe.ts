/**
 * Who is reading what: two reads share one store read only when every field is equal. The role and
 * the workspace's membership version are part of it, so a read never crosses a permission change
 * or a change to the data it projects.
 */
export interface ReadKey {
  workspaceId: string;
  userId: string;
  role: string;
  membershipVersion: number;
  /** The read model and its parameters, e.g. "members". */
  query: string;
}

type Entry = { result: Promise<unknown>; settledAt: number | null };

/**
 * Shares identical concurrent reads inside one isolate: the first caller starts the read, callers
 * with the same key while it runs (and for `windowMs` after it settled) get the same promise. An
 * entry is dropped `windowMs` after it settled (at once when it failed, so an error is not reused).
 * Authorization is not its job: every request is authorized before it asks.
 */
export class ReadDedupe {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  static keyOf(key: ReadKey): string {
    return JSON.stringify([key.workspaceId, key.userId, key.role, key.membershipVersion, key.query]);
  }

  share<T>(key: ReadKey, read: () => Promise<T>): Promise<T> {
    const id = ReadDedupe.keyOf(key);
    this.sweep();
    const existing = this.entries.get(id);
    if (existing) return existing.result as Promise<T>;
    const entry: Entry = { result: Promise.resolve(), settledAt: null };
    entry.result = read().then(
      (value) => {
        entry.settledAt = this.now();
        return value;
      },
      (error: unknown) => {
        if (this.entries.get(id) === entry) this.entries.delete(id);
        throw error;
      },
    );
    this.entries.set(id, entry);
    return entry.result as Promise<T>;
  }

  /** How many reads are remembered (tests, and a bound on what the map holds). */
  get size(): number {
    this.sweep();
    return this.entries.size;
  }

  private sweep(): void {
    const cutoff = this.now() - this.windowMs;
    for (const [id, entry] of this.entries) if (entry.settledAt !== null && entry.settledAt <= cutoff) this.entries.delete(id);
  }
}
