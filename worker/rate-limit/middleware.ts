import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/app-types.ts";
import { actorOf } from "../auth/actor.ts";
import { charge, type Charge } from "./charge.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const WORKSPACE_PATH = /^\/api\/workspaces\/[^/]+(\/.*)?$/;
/** Ending a session is never refused. */
const EXEMPT = new Set(["/api/auth/logout"]);

/** What a state change inside a workspace costs, by route. */
export function workspaceCharges(method: string, rest: string, userId: string): Charge[] {
  const data = /^\/apps\/([^/]+)\/data(\/|$)/.exec(rest);
  if (data) {
    return [
      { limit: "dataWritesPerApp", bucket: `data:app:${data[1]}`, label: "changes to this app's data" },
      { limit: "dataWritesPerUser", bucket: `data:user:${userId}`, label: "data changes from you" },
      { limit: "dataWritesPerWorkspace", bucket: "data:workspace", label: "data changes in this workspace" },
    ];
  }
  if (method === "POST" && /^\/apps\/[^/]+\/runs(\/[^/]+\/chat)?\/?$/.test(rest)) {
    return [
      { limit: "builderTurnsPerUser", bucket: `turns:user:${userId}`, label: "builder messages from you" },
      { limit: "builderTurnsPerWorkspace", bucket: "turns:workspace", label: "builder messages in this workspace" },
    ];
  }
  if (method === "POST" && /^\/apps\/[^/]+\/agent-runs\/?$/.test(rest)) {
    return [
      { limit: "agentRunsPerUser", bucket: `agent-runs:user:${userId}`, label: "agent runs started by you" },
      { limit: "agentRunsPerWorkspace", bucket: "agent-runs:workspace", label: "agent runs in this workspace" },
    ];
  }
  if (method === "POST" && /^\/invitations\/?$/.test(rest)) {
    return [
      { limit: "invitationsPerUser", bucket: `invitations:user:${userId}`, label: "invitations from you" },
      { limit: "invitationsPerWorkspace", bucket: "invitations:workspace", label: "invitations in this workspace" },
    ];
  }
  return [{ limit: "writesPerUser", bucket: `writes:user:${userId}`, label: "changes from you" }];
}

/**
 * Inside /api/workspaces/:wId, after the membership guard: a stranger cannot spend a workspace's
 * budget, because their requests end at the guard's 404 before reaching this.
 */
export const workspaceRateLimits = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const workspaceId = c.var.ws.workspace._id;
    const rest = c.req.path.slice(`/api/workspaces/${workspaceId}`.length);
    await charge(c.env, `ws:${workspaceId}`, workspaceCharges(c.req.method, rest, actorOf(c)._id));
  }
  await next();
});

/** Every other state change: per person (analytics has its own budget), or per client address before sign-in. */
export const accountRateLimits = createMiddleware<AppEnv>(async (c, next) => {
  const path = c.req.path;
  if (!SAFE.has(c.req.method) && !EXEMPT.has(path) && !path.startsWith("/api/internal/") && !WORKSPACE_PATH.test(path)) {
    const actor = c.var.actor;
    if (!actor) {
      const client = c.req.header("cf-connecting-ip") ?? "local";
      await charge(c.env, `addr:${client}`, [{ limit: "anonymousWritesPerClient", bucket: "writes", label: "sign-in attempts from your address" }]);
    } else if (path === "/api/analytics/capture") {
      await charge(c.env, `user:${actor._id}`, [{ limit: "analyticsPerUser", bucket: "analytics", label: "analytics events from you" }]);
    } else {
      await charge(c.env, `user:${actor._id}`, [{ limit: "writesPerUser", bucket: "writes", label: "changes from you" }]);
    }
  }
  await next();
});
