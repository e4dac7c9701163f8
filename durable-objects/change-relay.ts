import { Container } from "@cloudflare/containers";
import type { Env } from "../worker/env.ts";

/** The single MongoDB change-stream relay (container-runner/ in ROLE=relay). */
export class ChangeRelay extends Container<Env> {
  override defaultPort = 8790;
  override envVars = { ROLE: "relay" };
}
