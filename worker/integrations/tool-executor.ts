import type { Env } from "../../platform/env.ts";
import { ApiError } from "../../platform/api-error.ts";
import { IntegrationGrantsRepository, type IntegrationGrantDoc } from "../../platform/repositories/integration-grants.ts";
import { IntegrationCredentialsRepository, secretContext } from "../../platform/repositories/integration-credentials.ts";
import { recordAudit } from "../services/audit.ts";
import type { AuditEvent } from "../../shared/api/audit.ts";
import type { ToolInput, ToolOutput } from "../../shared/integrations/tool-call.ts";
import { approvedCustomTool, type CustomTool } from "./approved-tool.ts";
import type { AppDoc } from "../../platform/repositories/apps.ts";
import { devToolOrigin } from "./dev-tool-origin.ts";
import { guardedFetch } from "./guarded-fetch.ts";
import { checkHeaders } from "./header-rules.ts";
import { SealedSecretError, openSecret } from "./secret-box.ts";
import { fillBody, fillHeader, fillUrl, secretNamesIn } from "./template-fill.ts";
import type { ToolDeps } from "./tool-deps.ts";
import { ToolFailure, ToolRefusal } from "./tool-refusal.ts";

/** Who is calling: an approved agent's run (its triggering user from the run record) or the app's viewer. */
export type ToolCaller = { kind: "agent"; agentId: string; runId: string; userId: string } | { kind: "app"; userId: string; displayName: string };

export interface ToolCallRequest {
  app: AppDoc;
  version: "draft" | "published";
  /** The calling agent, or null for an app tool (appTools). */
  agentId: string | null;
  toolName: string;
  input: ToolInput;
  caller: ToolCaller;
}

interface ToolCall {
  workspaceId: string;
  appId: string;
  version: "draft" | "published";
  tool: CustomTool;
  input: ToolInput;
  caller: ToolCaller;
}

/** The grant of this app for the tool's domain + keySlug; never another app's. */
async function grantFor(env: Env, call: ToolCall): Promise<IntegrationGrantDoc> {
  const { domain, keySlug } = call.tool.integration;
  const grant = await new IntegrationGrantsRepository(env).byKey(call.workspaceId, call.appId, domain, keySlug);
  if (!grant) throw new ToolRefusal("grant-missing", `this app has no integration for ${domain} (${keySlug}); the builder presents integration-setup.json first.`);
  return grant;
}

/** The secret values the template names, opened from this grant's own credential. */
async function secretsFor(env: Env, call: ToolCall, grant: IntegrationGrantDoc, names: Set<string>): Promise<Record<string, string>> {
  if (names.size === 0) return {};
  const credential = await new IntegrationCredentialsRepository(env).forGrant(call.workspaceId, call.appId, grant.domain, grant._id);
  if (!credential) throw new ToolRefusal("grant-not-configured", `"${grant.displayName}" is not configured yet; an owner or admin sets its credential.`);
  const out: Record<string, string> = {};
  for (const name of names) {
    const sealed = Object.hasOwn(credential.secrets, name) ? credential.secrets[name] : undefined;
    if (sealed === undefined) throw new ToolRefusal("secret-missing", `the secret "${name}" of "${grant.displayName}" is not set.`);
    try {
      out[name] = await openSecret(env, sealed, secretContext({ workspaceId: call.workspaceId, appId: call.appId, grantId: grant._id }, name));
    } catch (error) {
      if (error instanceof SealedSecretError) throw new ToolRefusal("grant-not-configured", `the secret "${name}" of "${grant.displayName}" cannot be read: ${error.message}`);
      throw error;
    }
  }
  return out;
}

const redactor = (values: string[]) => {
  const sensitive = values.filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  return (text: string) => sensitive.reduce((out, value) => out.split(value).join("[redacted]"), text);
};

function outputOf(status: number, contentType: string, bytes: Uint8Array, redact: (s: string) => string): ToolOutput {
  const text = redact(new TextDecoder().decode(bytes));
  if (/\bjson\b/i.test(contentType)) {
    try {
      return { status, body: JSON.parse(text) };
    } catch {
      return { status, body: text };
    }
  }
  return { status, body: text };
}

async function run(env: Env, call: ToolCall, deps: ToolDeps, grant: IntegrationGrantDoc, sensitive: string[]): Promise<ToolOutput> {
  const { endpoint } = call.tool;
  const headerTemplates = { ...(endpoint.headers ?? {}) };
  const hasAuthorization = Object.keys(headerTemplates).some((h) => h.toLowerCase() === "authorization");
  if (grant.authMode === "bearer" && !hasAuthorization && grant.secrets[0]) headerTemplates.authorization = `Bearer {{secrets.${grant.secrets[0].name}}}`;
  const secrets = await secretsFor(env, call, grant, secretNamesIn(endpoint.url, headerTemplates, endpoint.body));
  sensitive.push(...Object.values(secrets));
  if (grant.authMode === "oauth") {
    const token = await deps.oauth.accessTokenFor({ workspaceId: call.workspaceId, userId: call.caller.userId, domain: grant.domain, keySlug: grant.keySlug });
    sensitive.push(token);
    for (const name of Object.keys(headerTemplates)) if (name.toLowerCase() === "authorization") delete headerTemplates[name];
    headerTemplates.authorization = `Bearer ${token.replace(/\{\{/g, "")}`;
  }
  const values = { input: call.input, secrets };
  const url = fillUrl(endpoint.url, values);
  const headers = checkHeaders(Object.fromEntries(Object.entries(headerTemplates).map(([name, value]) => [name, fillHeader(value, values)])));
  const sendsBody = endpoint.body !== undefined && endpoint.method !== "GET" && endpoint.method !== "DELETE";
  const body = sendsBody ? JSON.stringify(fillBody(endpoint.body, values)) : null;
  if (body !== null && !headers.has("content-type")) headers.set("content-type", "application/json");
  const response = await guardedFetch(
    { method: endpoint.method, url, headers, body },
    {
      policy: { domain: grant.domain, devOrigin: devToolOrigin(env) },
      resolver: deps.resolver,
      fetcher: deps.fetcher,
      timeoutMs: deps.timeoutMs,
      maxBytes: deps.maxBytes,
      maxRedirects: deps.maxRedirects,
    },
  );
  return outputOf(response.status, response.contentType, response.bytes, redactor(sensitive));
}

function auditActor(caller: ToolCaller): { actor: AuditEvent["actor"]; source: AuditEvent["source"] } {
  return caller.kind === "agent"
    ? { actor: { type: "agent", id: caller.agentId }, source: "app_agent" }
    : { actor: { type: "user", id: caller.userId, displayName: caller.displayName }, source: "app_iframe" };
}

/**
 * One custom tool call, in order: grant by workspace + app + domain + keySlug → credential (or the
 * caller's OAuth account) → template filled → checks → call → answer. Every outcome is audited
 * (done, refused with its rule, failed); no secret value reaches the answer, an error or the audit.
 */
export async function executeTool(env: Env, request: ToolCallRequest, deps: ToolDeps): Promise<ToolOutput> {
  const { app } = request;
  const { actor, source } = auditActor(request.caller);
  const base: Record<string, string> = { tool: request.toolName, caller: request.caller.kind, version: request.version, ...(request.agentId ? { agentId: request.agentId } : {}) };
  const relatedIds: Record<string, string> = { appId: app._id, ...(request.caller.kind === "agent" ? { runId: request.caller.runId } : {}) };
  const sensitive: string[] = [];
  let grantId = "";
  try {
    const tool = await approvedCustomTool(env, app, request.version, request.agentId, request.toolName);
    Object.assign(base, { domain: tool.integration.domain, keySlug: tool.integration.keySlug, method: tool.endpoint.method });
    const call: ToolCall = { workspaceId: app.workspaceId, appId: app._id, version: request.version, tool, input: request.input, caller: request.caller };
    const grant = await grantFor(env, call);
    grantId = grant._id;
    const output = await run(env, call, deps, grant, sensitive);
    await recordAudit(env, {
      workspaceId: app.workspaceId,
      eventName: "integration.tool_called",
      category: "integrations",
      actor,
      source,
      target: { type: "integration", id: grant._id },
      metadata: { ...base, status: output.status },
      relatedIds: { ...relatedIds, integrationId: grant._id },
    });
    return output;
  } catch (error) {
    const refused = error instanceof ToolRefusal;
    const code = error instanceof ApiError ? error.code : "internal_error";
    await recordAudit(env, {
      workspaceId: app.workspaceId,
      eventName: refused ? "integration.tool_refused" : "integration.tool_failed",
      category: "integrations",
      actor,
      source,
      outcome: refused ? "denied" : "failure",
      target: { type: "integration", id: grantId || `${base.domain ?? "unknown"}/${base.keySlug ?? request.toolName}` },
      metadata: { ...base, code, ...(refused ? { rule: error.rule } : {}), ...(error instanceof ToolFailure ? { reason: error.reason } : {}) },
      relatedIds: grantId ? { ...relatedIds, integrationId: grantId } : relatedIds,
    });
    if (!(error instanceof ApiError)) throw error;
    const message = redactor(sensitive)(error.message);
    if (message === error.message) throw error;
    throw new ApiError(error.code, message, error.fields);
  }
}
