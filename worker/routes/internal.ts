import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/read-json.ts";
import { requireInternalToken } from "../internal/internal-auth.ts";
import { publishRelayBatch } from "../internal/data-changes.ts";
import { agentDataReadSchema, agentDataWriteSchema, relayBatchSchema } from "../../shared/api/internal.ts";
import { MAX_SNAPSHOT_BYTES, saveSnapshotBodySchema } from "../../shared/api/snapshots.ts";
import { saveDraftSnapshot } from "../services/snapshot-service.ts";
import { agentRead, agentWrite } from "../internal/agent-data.ts";

/** /api/internal/*: bearer INTERNAL_API_TOKEN only. */
export const internalRoutes = new Hono<AppEnv>()
  .use("*", requireInternalToken)
  .post("/data-changes", async (c) => {
    const batch = await readJson(c, relayBatchSchema);
    return c.json(await publishRelayBatch(c.env, batch.changes));
  })
  /** The runner saves an app's draft workspace (also how tests seed a built app). */
  .post("/app-snapshots", async (c) => {
    const body = await readJson(c, saveSnapshotBodySchema);
    const bytes = Object.values(body.files).reduce((sum, text) => sum + text.length, 0);
    if (bytes > MAX_SNAPSHOT_BYTES) throw new ApiError("payload_too_large", `A snapshot may hold at most ${MAX_SNAPSHOT_BYTES} bytes.`);
    return c.json({ snapshot: await saveDraftSnapshot(c.env, body.workspaceId, body.appId, body.files) });
  })
  .post("/app-data-write", async (c) => {
    const body = await readJson(c, agentDataWriteSchema);
    return c.json({ doc: await agentWrite(c.env, body) });
  })
  .post("/app-data-read", async (c) => {
    const body = await readJson(c, agentDataReadSchema);
    return c.json(await agentRead(c.env, body));
  });
