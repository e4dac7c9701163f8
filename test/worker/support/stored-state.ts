import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { collectionNames } from "../../../platform/store/catalog.ts";
import { CONTROL_GATEWAY } from "../../../platform/store/shards.ts";

/** Collections a refused request may still write to: the audit log records refusals, sign-ins touch users. */
const MAY_CHANGE = new Set(["audit_events", "users", "relay_state", "contract_probe", "data_shards"]);

const rowsOf = (gateway: string, collection: string, workspaceId: string) =>
  runInDurableObject(env.STORE_GATEWAY.getByName(gateway), (_instance, state) => {
    const key = collection === "workspaces" ? "id" : "json_extract(doc, '$.workspaceId')";
    // Tables are created on first use: an object that never held the collection has none.
    if (state.storage.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ?", `c_${collection}`).one().n === 0) return [];
    return state.storage.sql
      .exec<{ doc: string }>(`SELECT doc FROM "c_${collection}" WHERE ${key} = ? ORDER BY id`, workspaceId)
      .toArray()
      .map((r) => r.doc);
  });

/**
 * Everything the embedded store holds for one workspace (every collection of the catalog, so ones
 * added later count too, and app data in every data object of the workspace), as one comparable string.
 */
export async function storedState(workspaceId: string): Promise<string> {
  const shards = await env.STORE_GATEWAY.getByName(CONTROL_GATEWAY).listShards("app_data", workspaceId);
  const parts: string[] = [];
  for (const name of collectionNames) {
    if (MAY_CHANGE.has(name)) continue;
    const rows = await rowsOf(CONTROL_GATEWAY, name, workspaceId);
    if (name === "app_data") for (const shard of [...shards].sort()) rows.push(...(await rowsOf(shard, name, workspaceId)));
    parts.push(`${name}:${rows.join("\n")}`);
  }
  return parts.join("\n");
}
