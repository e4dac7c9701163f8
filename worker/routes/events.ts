import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { subscribe, workspaceChannel } from "../../platform/realtime/channel-client.ts";

/** GET /api/workspaces/:wId/events: the workspace's realtime events (SSE, resumable), members only. */
export const eventRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { workspace } = await requirePermission(c, "workspace:read");
  return subscribe(c.env, workspaceChannel(workspace._id), c.req.raw);
});
