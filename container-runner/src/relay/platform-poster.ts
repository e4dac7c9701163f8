import type { PostBatch } from "./change-relay.ts";
import { relayBatchSchema } from "../../../shared/api/internal.ts";

/** POST /api/internal/data-changes with the relay token (it allows nothing else); anything but 2xx is a failure. */
export function platformPoster(platformUrl: string, token: string): PostBatch {
  const url = new URL("/api/internal/data-changes", platformUrl);
  return async (changes) => {
    const body = relayBatchSchema.parse({ changes });
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new Error(`platform answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  };
}
