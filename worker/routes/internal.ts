import { Hono } from "hono";
import type { InternalEnv } from "../internal/internal-env.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { jsonBody } from "../http/validate.ts";
import { assertBound, requireCapability, requireRelayToken } from "../internal/internal-auth.ts";
import { publishRelayBatch } from "../internal/data-changes.ts";
import { agentDataReadSchema, agentDataWriteSchema, relayBatchSchema } from "../../shared/api/internal.ts";
import { MAX_SNAPSHOT_BYTES, saveSnapshotBodySchema } from "../../shared/api/snapshots.ts";
import { saveDraftSnapshot } from "../services/snapshot-service.ts";
import { agentRead, agentWrite } from "../internal/agent-data.ts";
import { modelPassThrough } from "../model/model-pass-through.ts";
import type { Capability } from "../../shared/capability/claims.ts";
import { modelCallBodySchema } from "../../shared/api/model-call.ts";
import { toolExecuteBodySchema } from "../../shared/integrations/tool-call.ts";
import { agentToolExecute } from "../internal/tool-execute.ts";
import { platformToolDeps } from "../integrations/tool-deps.ts";

/** An agent run's capability names its app scope, its agent and the collections it may use. */
function assertAgentScope(capability: Capability, body: { workspaceId: string; appId: string; version: string; agentId: string; collection: string }) {
  assertBound(capability, body);
  if (capability.purpose !== "agent-run" || capability.scope !== body.version) throw notFound("app");
  if (capability.agent !== body.agentId) throw new ApiError("forbidden", "This capability belongs to another agent.");
  if (!capability.collections.includes(body.collection)) throw new ApiError("forbidden", `This run may not use the "${body.collection}" collection.`);
}

/**
 * /api/internal/*: call-backs from the runner and the relay. Each route accepts one kind of
 * credential (docs/security.md) and checks it against the resource the body names.
 */
export const internalRoutes = new Hono<InternalEnv>()
  .post("/data-changes", requireRelayToken, jsonBody(relayBatchSchema), async (c) => {
    const batch = c.req.valid("json");
    return c.json(await publishRelayBatch(c.env, batch.changes));
  })
  /** A builder turn saves its app's draft workspace (tests seed built apps the same way). */
  .post("/app-snapshots", requireCapability("builder-turn"), jsonBody(saveSnapshotBodySchema), async (c) => {
    const body = c.req.valid("json");
    assertBound(c.var.capability, body);
    const bytes = Object.values(body.files).reduce((sum, text) => sum + text.length, 0);
    if (bytes > MAX_SNAPSHOT_BYTES) throw new ApiError("payload_too_large", `A snapshot may hold at most ${MAX_SNAPSHOT_BYTES} bytes.`);
    return c.json({ snapshot: await saveDraftSnapshot(c.env, body.workspaceId, body.appId, body.files) });
  })
  .post("/app-data-write", requireCapability("agent-run"), jsonBody(agentDataWriteSchema), async (c) => {
    const body = c.req.valid("json");
    assertAgentScope(c.var.capability, body);
    return c.json({ doc: await agentWrite(c.env, body) });
  })
  .post("/app-data-read", requireCapability("agent-run"), jsonBody(agentDataReadSchema), async (c) => {
    const body = c.req.valid("json");
    assertAgentScope(c.var.capability, body);
    return c.json(await agentRead(c.env, body));
  })
  /** A running agent's custom tool call, executed under the integration guard (docs/security.md). */
  .post("/tool-execute", requireCapability("agent-run"), jsonBody(toolExecuteBodySchema), async (c) => {
    const body = c.req.valid("json");
    assertBound(c.var.capability, body);
    return c.json({ output: await agentToolExecute(c.env, c.var.capability, body, platformToolDeps(c.env)) });
  })
  /** The Messages API for runs: the platform's key is added here, never held by the runner. */
  .post("/model/v1/messages", requireCapability("builder-turn", "agent-run"), jsonBody(modelCallBodySchema), (c) => modelPassThrough(c, c.req.valid("json")));
