import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import type { Health } from "../../shared/api/health.ts";
import { storeKind } from "../../platform/store/store-client.ts";
import { runnerHealth } from "../../platform/runner/runner-client.ts";
import { authMode } from "../auth/auth-mode.ts";
import { VERSION } from "../../platform/version.ts";

export const healthRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const runner = await runnerHealth(c.env);
  const body: Health = {
    ok: true,
    store: storeKind(c.env),
    version: c.env.SECOND_VERSION ?? VERSION,
    authMode: authMode(c.env),
    runner,
    time: new Date().toISOString(),
  };
  return c.json(body);
});
