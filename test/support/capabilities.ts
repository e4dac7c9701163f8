// Capabilities for tests, minted with the platform's own code (shared/capability/tokens.ts) and
// a key the test controls: how tests seed snapshots and act as an agent run or as the platform.
import { signCapability } from "../../shared/capability/tokens.ts";
import type { CapabilityClaims } from "../../shared/capability/claims.ts";

export interface AppTarget {
  workspaceId: string;
  appId: string;
}

const limits = (model = "demo") => ({ models: [model], maxOutputTokens: 32_000, maxCalls: 60 });

export function builderTurnCapability(key: string, target: AppTarget, options: { runId?: string; model?: string; ttlSeconds?: number; jti?: string } = {}) {
  const claims: CapabilityClaims = {
    purpose: "builder-turn",
    wid: target.workspaceId,
    app: target.appId,
    scope: "draft",
    run: options.runId ?? "run_test",
    model: limits(options.model),
  };
  return signCapability(key, claims, options.ttlSeconds ?? 300, options.jti);
}

export function agentRunCapability(
  key: string,
  target: AppTarget & { version?: "draft" | "published"; agentId: string; collections: string[] },
  ttlSeconds = 300,
  options: { runId?: string; jti?: string; model?: string } = {},
) {
  const claims: CapabilityClaims = {
    purpose: "agent-run",
    wid: target.workspaceId,
    app: target.appId,
    scope: target.version ?? "draft",
    run: options.runId ?? "run_agent_test",
    agent: target.agentId,
    collections: target.collections,
    model: limits(options.model),
  };
  return signCapability(key, claims, ttlSeconds, options.jti);
}

export function runnerCallCapability(key: string, target: AppTarget, ttlSeconds = 120) {
  return signCapability(key, { purpose: "runner-call", wid: target.workspaceId, app: target.appId }, ttlSeconds);
}
