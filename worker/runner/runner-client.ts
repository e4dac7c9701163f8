import type { Env } from "../env.ts";

export interface RunnerHealth {
  ok: boolean;
  via: "container" | "url";
  detail?: string;
}

/** Reachability of the runner, for /api/health. Never throws. */
export async function runnerHealth(env: Env): Promise<RunnerHealth> {
  const via = env.RUNNER_URL ? "url" : "container";
  if (!env.RUNNER_URL) return { ok: true, via, detail: "started on demand per app" };
  try {
    const response = await fetch(new URL("/health", env.RUNNER_URL), { signal: AbortSignal.timeout(1500) });
    return response.ok ? { ok: true, via } : { ok: false, via, detail: `runner answered ${response.status}` };
  } catch (error) {
    return { ok: false, via, detail: `runner unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
