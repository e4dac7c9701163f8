import { Container, type OutboundHandler } from "@cloudflare/containers";
import { exports } from "cloudflare:workers";
import type { Env } from "../platform/env.ts";
import { publicJwkOf } from "../shared/capability/tokens.ts";

/** The container reaches the platform at this host; the request never leaves Cloudflare. */
export const PLATFORM_HOST = "platform.second.internal";

/**
 * The runner's call-backs (model calls, snapshot saves) go to the Worker's own /api/internal/*,
 * where the run's capability is checked like any other caller's. Nothing else is reachable here.
 */
const platformCallback: OutboundHandler<Env> = (request) => {
  const incoming = new URL(request.url);
  if (!incoming.pathname.startsWith("/api/internal/")) {
    return Response.json({ error: { code: "not_found", message: "The runner may only call /api/internal/*." } }, { status: 404 });
  }
  return exports.default.fetch(new Request(new URL(incoming.pathname + incoming.search, "http://platform.internal"), request));
};

/**
 * One container per app (`getContainer(env.AGENT_RUNNER, appId)`) running container-runner/ as
 * ROLE=runner: builder sessions and app-agent runs. It holds no platform secret: only the public
 * key that verifies the platform's calls; each turn brings its own capability (docs/security.md).
 * It sleeps after 15 idle minutes; a later turn restores the workspace from the draft snapshot.
 */
export class AgentRunner extends Container<Env> {
  override defaultPort = 8790;
  override sleepAfter = "15m";

  static {
    AgentRunner.outboundByHost = { [PLATFORM_HOST]: platformCallback };
  }

  constructor(ctx: ConstructorParameters<typeof Container<Env>>[0], env: Env) {
    super(ctx, env);
    this.envVars = {
      ROLE: "runner",
      PORT: "8790",
      HOST: "0.0.0.0",
      PLATFORM_URL: `http://${PLATFORM_HOST}`,
      SECOND_CAPABILITY_PUBLIC_KEY: env.SECOND_CAPABILITY_KEY ? publicJwkOf(env.SECOND_CAPABILITY_KEY) : "",
    };
  }
}
