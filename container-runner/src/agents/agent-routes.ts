import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { agentRunRequestSchema, type AgentRunEvent } from "../../../shared/agents/agent-run.ts";
import { unsupportedToolsProblem } from "../../../shared/agents/agents-json.ts";
import { runnerAppParamsSchema } from "../../../shared/runner/paths.ts";
import { assertCallFor, type RunnerEnv } from "../http/platform-auth.ts";
import { RunnerError, errorResponse } from "../http/errors.ts";
import { sseResponse } from "../http/sse.ts";
import { validJson, validParams } from "../http/validate.ts";
import { modelClientFor } from "../builder/model-client.ts";
import { runAgentLoop } from "./agent-loop.ts";

const RUN_BODY_BYTES = 256 * 1024;
const tooLarge = bodyLimit({ maxSize: RUN_BODY_BYTES, onError: () => errorResponse("payload_too_large", `An agent run request may be at most ${RUN_BODY_BYTES} bytes.`) });

/**
 * POST /sessions/:appId/agent-run: one app agent run, answered as SSE of AgentRunEvents. The
 * platform's run object holds this stream; when it hangs up (stop), the run stops too.
 */
export function agentRoutes(platformUrl: string | undefined) {
  return new Hono<RunnerEnv>().post("/:appId/agent-run", tooLarge, validParams(runnerAppParamsSchema), validJson(agentRunRequestSchema, "agent run"), (c) => {
    const { appId } = c.req.valid("param");
    assertCallFor(c.var.call, appId);
    const run = c.req.valid("json");
    const unsupported = unsupportedToolsProblem(run.agent);
    if (unsupported) throw new RunnerError("conflict", unsupported);
    if (!platformUrl) throw new RunnerError("misconfigured", "PLATFORM_URL is not set: the runner cannot reach the platform.");
    const client = modelClientFor(platformUrl, run.capability);
    const target = { platformUrl, capability: run.capability, runId: run.runId, workspaceId: c.var.call.wid, appId, version: run.version, agent: run.agent };
    return sseResponse(
      (send, hangUp) => runAgentLoop({ client, model: run.model, target, input: run.input, limits: run.limits, signal: hangUp, emit: (event: AgentRunEvent) => send(event) }),
      { heartbeatMs: 10_000 },
    );
  });
}
