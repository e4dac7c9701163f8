import { Container } from "@cloudflare/containers";
import type { Env } from "../worker/env.ts";

/**
 * One container per app (`getContainer(env.AGENT_RUNNER, appId)`) running container-runner/ as
 * ROLE=runner: builder sessions and app-agent runs. It sleeps after 15 idle minutes; a later turn
 * restores the workspace from the stored draft snapshot.
 */
export class AgentRunner extends Container<Env> {
  override defaultPort = 8790;
  override sleepAfter = "15m";

  constructor(ctx: DurableObjectState<{}>, env: Env) {
    super(ctx, env);
    this.envVars = { ROLE: "runner", PORT: "8790", INTERNAL_API_TOKEN: env.INTERNAL_API_TOKEN ?? "" };
  }
}
