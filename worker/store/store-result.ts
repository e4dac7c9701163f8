import { DuplicateKeyError, StoreUsageError } from "../../durable-objects/store-gateway/document-store.ts";
import type { StoreResult } from "../../durable-objects/store-gateway/store-result.ts";

/** Turns a gateway answer back into its value, or into the typed error it carried across RPC. */
export function unwrap<T>(result: StoreResult<T>): T {
  if (result.ok) return result.value;
  const { error } = result;
  if (error.kind === "duplicate_key") throw new DuplicateKeyError(error.collection, error.index, error.key);
  throw new StoreUsageError(error.message);
}
