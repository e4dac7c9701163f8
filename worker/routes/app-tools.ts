import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { jsonBody } from "../http/validate.ts";
import { actorOf } from "../auth/actor.ts";
import { loadApp } from "../guard/app-access.ts";
import { executeTool } from "../integrations/tool-executor.ts";
import { platformToolDeps } from "../integrations/tool-deps.ts";
import { appToolCallBodySchema, type ToolCallAnswer } from "../../shared/integrations/tool-call.ts";

/**
 * POST /api/workspaces/:wId/apps/:aId/tools/:toolName: an app tool (appTools of the approved
 * agents.json) called by the app's code for the current viewer. Only the name and the input come
 * from the caller; the URL, headers and credential come from the approval and the grant.
 */
export const appToolRoutes = new Hono<AppEnv>().post("/:toolName", jsonBody(appToolCallBodySchema), async (c) => {
  const body = c.req.valid("json");
  const { app } = await loadApp(c, body.version === "draft" ? "edit" : "view");
  const viewer = actorOf(c);
  const output = await executeTool(
    c.env,
    {
      app,
      version: body.version,
      agentId: null,
      toolName: c.req.param("toolName"),
      input: body.input,
      caller: { kind: "app", userId: viewer._id, displayName: viewer.displayName },
    },
    platformToolDeps(c.env),
  );
  return c.json({ output } satisfies ToolCallAnswer);
});
