import { Container } from "@cloudflare/containers";
import type { Env } from "../platform/env.ts";

/**
 * The single MongoDB change-stream relay (container-runner/ as ROLE=relay), used when MONGODB_URI is
 * set: it tails app_data and posts batches to /api/internal/data-changes at PLATFORM_URL.
 */
export class ChangeRelay extends Container<Env> {
  override defaultPort = 8790;
  // The relay must keep tailing; the Worker's cron keeps it awake (worker/index.ts scheduled()).
  override sleepAfter = "24h";

  constructor(ctx: ConstructorParameters<typeof Container<Env>>[0], env: Env) {
    super(ctx, env);
    this.envVars = {
      ROLE: "relay",
      PORT: "8790",
      MONGODB_URI: env.MONGODB_URI ?? "",
      MONGODB_DB: env.MONGODB_DB ?? "",
      PLATFORM_URL: env.PLATFORM_URL ?? "",
      SECOND_RELAY_TOKEN: env.SECOND_RELAY_TOKEN ?? "",
      HOST: "0.0.0.0",
    };
  }
}
