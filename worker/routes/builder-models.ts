import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { requireActor } from "../auth/actor.ts";
import { builderModelsBody } from "../../shared/api/models.ts";

/** GET /api/builder-models: what the model picker offers, and whether turns run offline (no key). */
export const builderModelRoutes = new Hono<AppEnv>().use("*", requireActor).get("/", (c) => c.json(builderModelsBody(!c.env.ANTHROPIC_API_KEY, c.env.SECOND_BUILDER_MODEL)));
