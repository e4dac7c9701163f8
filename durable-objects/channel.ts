import { DurableObject } from "cloudflare:workers";
import type { Env } from "../worker/env.ts";

/**
 * Sequenced fan-out for workspace events and app data (DESIGN.md §5). Declared now so the migration
 * exists from the first deploy; it refuses every request until the channel lands.
 */
export class Channel extends DurableObject<Env> {
  override async fetch(): Promise<Response> {
    return Response.json(
      { error: { code: "not_implemented", message: "Live channels are not available yet." } },
      { status: 501 },
    );
  }
}
