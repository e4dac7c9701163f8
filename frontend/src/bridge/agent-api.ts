import type { AppAgentRun } from "../../../shared/agents/agent-run.ts";
import type { AvailableAgents } from "../../../shared/api/agents.ts";
import { apiCall as call, type DataTarget } from "./data-api.ts";

/** The app agent REST calls the bridge makes for the iframe, for one app and version. */
export function agentApi(target: DataTarget) {
  const base = `/api/workspaces/${target.workspaceId}/apps/${target.appId}`;
  return {
    trigger: (agentId: string, input: unknown) =>
      call<{ run: AppAgentRun }>("POST", `${base}/agent-runs`, { agentId, version: target.version, ...(input === undefined ? {} : { input }) }),
    run: (runId: string) => call<{ run: AppAgentRun }>("GET", `${base}/agent-runs/${encodeURIComponent(runId)}`),
    /** The agents of this version the caller may start (id, name, description only). */
    agents: () => call<AvailableAgents>("GET", `${base}/agents/available?version=${target.version}`),
  };
}
