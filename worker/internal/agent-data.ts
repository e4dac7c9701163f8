import type { Env } from "../../platform/env.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { AppsRepository } from "../../platform/repositories/apps.ts";
import { AppDataRepository, type DataScope } from "../../platform/repositories/app-data.ts";
import { approvalFor } from "../services/agent-runs.ts";
import { recordAudit } from "../services/audit.ts";
import { scopedAppId, toClientDoc } from "../../shared/app-data/stored-doc.ts";
import type { AgentDataRead, AgentDataWrite } from "../../shared/api/internal.ts";

interface AgentTarget {
  workspaceId: string;
  appId: string;
  version: "draft" | "published";
  agentId: string;
  collection: string;
}

/**
 * The second check (after the internal token): the calling agent must be in the approval of its
 * scope (the current draft approval, or the one promoted with the published version), with the
 * collection in its dataCollections.
 */
async function authorizeAgent(env: Env, target: AgentTarget): Promise<DataScope> {
  const app = await new AppsRepository(env).byId(target.workspaceId, target.appId);
  if (!app) throw notFound("app");
  const found = await approvalFor(env, app, target.version);
  if (!found.ok) throw new ApiError("forbidden", found.problem);
  const agent = found.approval.payload.agents.find((a) => a.id === target.agentId);
  if (!agent) throw new ApiError("forbidden", `Agent "${target.agentId}" is not in the approved agents.json of the ${target.version} version.`);
  if (!agent.dataCollections.includes(target.collection)) {
    throw new ApiError(
      "forbidden",
      `Agent "${target.agentId}" may not use the "${target.collection}" collection (its dataCollections: ${agent.dataCollections.join(", ") || "none"}).`,
    );
  }
  return { workspaceId: app.workspaceId, scopedAppId: scopedAppId(app._id, target.version) };
}

export async function agentWrite(env: Env, body: AgentDataWrite) {
  const scope = await authorizeAgent(env, body);
  const repo = new AppDataRepository(env);
  let doc: Awaited<ReturnType<AppDataRepository["insert"]>> | null;
  switch (body.operation) {
    case "insert":
      doc = await repo.insert(scope, body.collection, body.data);
      break;
    case "update":
      doc = await repo.patch(scope, body.collection, body.filter._id, body.data);
      if (!doc) throw notFound("document");
      break;
    case "upsert":
      // An id that exists in another app, scope or collection is as foreign as any other.
      doc = await repo.upsert(scope, body.collection, body.filter._id, body.data);
      if (!doc) throw notFound("document");
      break;
    case "delete":
      if (!(await repo.remove(scope, body.collection, body.filter._id))) throw notFound("document");
      doc = null;
  }
  await recordAudit(env, {
    workspaceId: body.workspaceId,
    eventName: `app_data.${body.operation}`,
    category: "app_data",
    actor: { type: "agent", id: body.agentId },
    source: "app_agent",
    target: { type: "app_data", id: doc?._id ?? ("filter" in body ? body.filter._id : "") },
    metadata: { collection: body.collection, version: body.version },
    relatedIds: { appId: body.appId },
  });
  return doc ? toClientDoc(doc) : null;
}

export async function agentRead(env: Env, body: AgentDataRead) {
  const scope = await authorizeAgent(env, body);
  const repo = new AppDataRepository(env);
  if (body.docId) {
    const doc = await repo.get(scope, body.collection, body.docId);
    if (!doc) throw notFound("document");
    return { doc: toClientDoc(doc) };
  }
  const page = await repo.page(scope, body.collection, body.limit, body.cursor);
  return { docs: page.docs.map(toClientDoc), nextCursor: page.nextCursor };
}
