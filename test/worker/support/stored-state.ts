import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { collectionNames } from "../../../platform/store/catalog.ts";

/** Collections a refused request may still write to: the audit log records refusals, sign-ins touch users. */
const MAY_CHANGE = new Set(["audit_events", "users", "relay_state", "contract_probe"]);

/**
 * Everything the embedded store holds for one workspace (every collection of the catalog, so ones
 * added later count too), read inside the store in one call, as one comparable string.
 */
export function storedState(workspaceId: string): Promise<string> {
  return runInDurableObject(env.STORE_GATEWAY.getByName("embedded"), (_instance, state) => {
    const parts: string[] = [];
    for (const name of collectionNames) {
      if (MAY_CHANGE.has(name)) continue;
      const key = name === "workspaces" ? "id" : "json_extract(doc, '$.workspaceId')";
      const rows = state.storage.sql.exec<{ doc: string }>(`SELECT doc FROM "c_${name}" WHERE ${key} = ? ORDER BY id`, workspaceId).toArray();
      parts.push(`${name}:${rows.map((r) => r.doc).join("\n")}`);
    }
    return parts.join("\n");
  });
}
