import { Container } from "@cloudflare/containers";
import type { Env } from "../worker/env.ts";

/** One container per app running the builder and app-agent sessions (container-runner/). */
export class AgentRunner extends Container<Env> {
  override defaultPort = 8790;
  override sleepAfter = "15m";
}
