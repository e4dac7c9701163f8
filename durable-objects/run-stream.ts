import { DurableObject } from "cloudflare:workers";
import type { Env } from "../worker/env.ts";

/**
 * One per builder run: the resumable chat buffer (DESIGN.md §6). Declared now so the migration
 * exists from the first deploy; it refuses every request until the builder lands.
 */
export class RunStream extends DurableObject<Env> {
  override async fetch(): Promise<Response> {
    return Response.json(
      { error: { code: "not_implemented", message: "Builder runs are not available yet: the RunStream buffer arrives with the builder." } },
      { status: 501 },
    );
  }
}
