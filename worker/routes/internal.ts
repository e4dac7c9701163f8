import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/read-json.ts";
import { requireInternalToken } from "../internal/internal-auth.ts";
import { publishRelayBatch } from "../internal/data-changes.ts";
import { agentDataReadSchema, agentDataWriteSchema, relayBatchSchema } from "../../shared/api/internal.ts";

/**
 * Until app agents and their agents.json approval land, no agent has an approved entry, so the agent
 * data endpoints refuse every call, saying why: no open door, and no answer that pretends to work.
 */
function refuseUnapprovedAgent(agentId: string, appId: string): never {
  throw new ApiError(
    "forbidden",
    `Agent "${agentId}" has no approved agents.json entry for app ${appId}: agent data access needs an approved agents.json, and approvals are not available yet.`,
  );
}

/** /api/internal/*: bearer INTERNAL_API_TOKEN only. */
export const internalRoutes = new Hono<AppEnv>()
  .use("*", requireInternalToken)
  .post("/data-changes", async (c) => {
    const batch = await readJson(c, relayBatchSchema);
    return c.json(await publishRelayBatch(c.env, batch.changes));
  })
  .post("/app-data-write", async (c) => {
    const body = await readJson(c, agentDataWriteSchema);
    refuseUnapprovedAgent(body.agentId, body.appId);
  })
  .post("/app-data-read", async (c) => {
    const body = await readJson(c, agentDataReadSchema);
    refuseUnapprovedAgent(body.agentId, body.appId);
  });
