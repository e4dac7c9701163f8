import { DuplicateKeyError, StoreUsageError } from "./document-store.ts";

/**
 * What crosses the Worker -> StoreGateway RPC boundary. Errors travel as data, because an Error's
 * class does not survive RPC; the client turns them back into DuplicateKeyError / StoreUsageError.
 */
export type StoreFailure = { kind: "duplicate_key"; collection: string; index: string; key: Record<string, unknown> } | { kind: "usage"; message: string };

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StoreFailure };

/** Turns a gateway answer back into its value, or into the typed error it carried across RPC. */
export function unwrap<T>(result: StoreResult<T>): T {
  if (result.ok) return result.value;
  const { error } = result;
  if (error.kind === "duplicate_key") throw new DuplicateKeyError(error.collection, error.index, error.key);
  throw new StoreUsageError(error.message);
}
