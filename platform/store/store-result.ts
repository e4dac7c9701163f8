/**
 * What crosses the Worker -> StoreGateway RPC boundary. Errors travel as data, because an Error's
 * class does not survive RPC; the client turns them back into DuplicateKeyError / StoreUsageError.
 */
export type StoreFailure = { kind: "duplicate_key"; collection: string; index: string; key: Record<string, unknown> } | { kind: "usage"; message: string };

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StoreFailure };
