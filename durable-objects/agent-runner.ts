import { Container, type OutboundHandler } from "@cloudflare/containers";
import type { Env } from "../worker/env.ts";

/** The container asks this host for the model; the Worker adds the real key on the way out. */
export const MODEL_PROXY_HOST = "model.second.internal";

/**
 * Forwards the runner's Messages API calls to Anthropic (or ANTHROPIC_BASE_URL) with the platform's
 * key, so the container never holds it (docs/architecture.md#trust-boundaries).
 */
const modelProxy: OutboundHandler<Env> = (request, env) => {
  const incoming = new URL(request.url);
  const target = new URL(incoming.pathname + incoming.search, env.ANTHROPIC_BASE_URL ?? "https://api.anthropic.com");
  const headers = new Headers(request.headers);
  headers.set("x-api-key", env.ANTHROPIC_API_KEY ?? "");
  headers.delete("authorization");
  return fetch(new Request(target, { method: request.method, headers, body: request.body }));
};

/**
 * One container per app (`getContainer(env.AGENT_RUNNER, appId)`) running container-runner/ as
 * ROLE=runner: builder sessions and app-agent runs. It sleeps after 15 idle minutes; a later turn
 * restores the workspace from the stored draft snapshot.
 */
export class AgentRunner extends Container<Env> {
  override defaultPort = 8790;
  override sleepAfter = "15m";

  static {
    AgentRunner.outboundByHost = { [MODEL_PROXY_HOST]: modelProxy };
  }

  constructor(ctx: ConstructorParameters<typeof Container<Env>>[0], env: Env) {
    super(ctx, env);
    this.envVars = {
      ROLE: "runner",
      PORT: "8790",
      INTERNAL_API_TOKEN: env.INTERNAL_API_TOKEN ?? "",
      // With a platform key the runner talks to the proxy host (the key is added outside the
      // container); without one it plays the offline demo model.
      ...(env.ANTHROPIC_API_KEY ? { ANTHROPIC_API_KEY: "held-by-the-platform", ANTHROPIC_BASE_URL: `http://${MODEL_PROXY_HOST}` } : {}),
    };
  }
}
