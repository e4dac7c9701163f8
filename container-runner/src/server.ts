import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import { createAdaptorServer } from "@hono/node-server";
import type { Server } from "node:http";
import { log } from "./log.ts";
import type { RunnerHealthBody } from "../../shared/runner/health.ts";
import { BuilderSessions } from "./builder/sessions.ts";
import { builderRoutes } from "./builder/builder-routes.ts";
import { agentRoutes } from "./agents/agent-routes.ts";
import { demoMessages } from "./demo-model/server.ts";
import { requirePlatformCall, type RunnerEnv } from "./http/platform-auth.ts";
import { RunnerError, errorResponse, notFoundRoute } from "./http/errors.ts";

export interface RunnerConfig {
  role: "runner" | "relay";
  version: string;
  /** The platform's public key (EC P-256 JWK, JSON): every route but /health needs a call it signed. */
  publicKey: string | undefined;
  /** Where the platform is: builder turns call its model pass-through there. */
  platformUrl: string | undefined;
  demoDelayMs?: number;
}

/** A model request carries its whole conversation, as the Messages API allows. */
const MODEL_BODY_BYTES = 32 * 1024 * 1024;

/** The runner's HTTP surface on Hono: health is open, everything else answers the platform only. */
export function createRunnerApp(config: RunnerConfig) {
  const sessions = new BuilderSessions();
  const app = new Hono<RunnerEnv>();
  app.use("*", async (c, next) => {
    const started = Date.now();
    await next();
    log("info", "request", { method: c.req.method, path: c.req.path, status: c.res.status, ms: Date.now() - started });
  });
  app.get("/health", (c) => c.json({ ok: true, role: config.role, version: config.version } satisfies RunnerHealthBody));
  app.use("/sessions/*", requirePlatformCall(config.publicKey));
  app.use("/demo-model/*", requirePlatformCall(config.publicKey));
  app.post("/demo-model/v1/messages", bodyLimit({ maxSize: MODEL_BODY_BYTES, onError: () => errorResponse("payload_too_large", "The model request is too large.") }), async (c) => {
    const body = await c.req.json().catch(() => {
      throw new RunnerError("bad_request", "The request body is not valid JSON.");
    });
    return demoMessages(body, config.demoDelayMs ?? 15);
  });
  app.route("/sessions", builderRoutes(sessions, config.platformUrl));
  app.route("/sessions", agentRoutes(config.platformUrl));
  app.notFound(notFoundRoute);
  app.onError((error, c) => {
    if (error instanceof RunnerError) return errorResponse(error.code, error.message);
    // Hono's own refusals (malformed JSON, a body that is not JSON) are the caller's fault.
    if (error instanceof HTTPException && error.status < 500) return errorResponse(error.status === 413 ? "payload_too_large" : "bad_request", error.message);
    log("error", "unhandled error", { path: c.req.path, error: error instanceof Error ? error.stack : String(error) });
    return errorResponse("internal_error", "The runner failed on this request.");
  });
  return app;
}

export function createRunnerServer(config: RunnerConfig): Server {
  return createAdaptorServer({ fetch: createRunnerApp(config).fetch }) as Server;
}
