import { bridgeApi, ok, pathIds } from "../api/client.ts";
import type { DataTarget } from "./data-api.ts";
import type { AgentInput } from "../../../shared/agents/agent-run.ts";

const app = bridgeApi.workspaces[":wId"].apps[":aId"];

/** The app agent REST calls the bridge makes for the iframe, for one app and version. */
export function agentApi(target: DataTarget) {
  const param = pathIds({ wId: target.workspaceId, aId: target.appId });
  return {
    trigger: (agentId: string, input: AgentInput | undefined) =>
      ok(app["agent-runs"].$post({ param, json: { agentId, version: target.version, ...(input === undefined ? {} : { input }) } })),
    run: (runId: string) => ok(app["agent-runs"][":runId"].$get({ param: { ...param, ...pathIds({ runId }) } })),
    /** The agents of this version the caller may start (id, name, description only). */
    agents: () => ok(app.agents.available.$get({ param, query: { version: target.version } })),
  };
}
