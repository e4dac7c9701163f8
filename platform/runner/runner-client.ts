import { getContainer } from "@cloudflare/containers";
import type { Env } from "../env.ts";
import type { Health } from "../../shared/api/health.ts";
import { mintRunnerCall } from "../capabilities/mint.ts";

export type RunnerHealth = Health["runner"];

/**
 * Reaches the runner for an app: the app's AgentRunner container in production, the local runner
 * process when RUNNER_URL is set (npm start: no Docker engine, containers off). Every call carries a
 * short-lived runner-call capability bound to the app; the runner holds only the public key.
 */
export async function runnerFetch(env: Env, target: { workspaceId: string; appId: string }, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${await mintRunnerCall(env, target)}`);
  if (env.RUNNER_URL) return fetch(new URL(path, env.RUNNER_URL), { ...init, headers });
  return getContainer(env.AGENT_RUNNER, target.appId).fetch(new Request(new URL(path, "http://runner"), { ...init, headers }));
}

/** Reachability of the runner, for /api/health. Never throws: an unreachable runner is reported. */
export async function runnerHealth(env: Env): Promise<RunnerHealth> {
  if (!env.RUNNER_URL) return { ok: true, via: "container", detail: "started on demand, one container per app" };
  try {
    const response = await fetch(new URL("/health", env.RUNNER_URL), { signal: AbortSignal.timeout(1500) });
    return response.ok ? { ok: true, via: "url" } : { ok: false, via: "url", detail: `runner answered ${response.status}` };
  } catch (error) {
    return { ok: false, via: "url", detail: `runner unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
