import { createServer, type Server } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { Router } from "./http/router.ts";
import { sendError, sendJson } from "./http/respond.ts";
import { log } from "./log.ts";
import type { RunnerHealthBody } from "../../shared/runner/health.ts";
import { BuilderSessions } from "./builder/sessions.ts";
import { handleBuilderTurn, handleFiles } from "./builder/builder-routes.ts";
import { modelClient } from "./builder/model-client.ts";
import { handleDemoMessages } from "./demo-model/server.ts";

export interface RunnerConfig {
  role: "runner" | "relay";
  version: string;
  /** When set, every route but /health and the demo model needs `Authorization: Bearer <token>`. */
  internalToken: string | undefined;
  /** This server's own URL (the demo model is served here). */
  ownUrl: string;
  env?: NodeJS.ProcessEnv;
  demoDelayMs?: number;
}

const AGENTS_PENDING = "App agent runs are not available yet: they arrive with app agents.";

function authorized(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith("Bearer ") ? header.slice(7) : "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The runner's HTTP surface (docs/wire-protocols.md#runner-protocol). Session routes refuse clearly until the builder lands. */
export function createRunnerServer(config: RunnerConfig): Server {
  const sessions = new BuilderSessions();
  const model = modelClient(config.env ?? process.env, config.ownUrl);
  const router = new Router()
    .on("GET", "/health", (_req, res) => sendJson(res, 200, { ok: true, role: config.role, version: config.version } satisfies RunnerHealthBody))
    .on("POST", "/demo-model/v1/messages", (req, res) => handleDemoMessages(req, res, config.demoDelayMs ?? 15))
    .on("POST", "/sessions/:appId/messages", (req, res, { appId }) => handleBuilderTurn(req, res, appId!, sessions, model))
    .on("GET", "/sessions/:appId/status", (_req, res, { appId }) => sendJson(res, 200, sessions.status(appId!)))
    .on("DELETE", "/sessions/:appId", async (_req, res, { appId }) => {
      await sessions.close(appId!);
      sendJson(res, 200, { ok: true });
    })
    .on("GET", "/sessions/:appId/files", (_req, res, { appId }) => handleFiles(res, appId!, sessions))
    .on("POST", "/sessions/:appId/agent-run", (_req, res) => sendError(res, "not_implemented", AGENTS_PENDING))
    .on("GET", "/sessions/:appId/agent-run/:runId/events", (_req, res) => sendError(res, "not_implemented", AGENTS_PENDING));

  return createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://runner");
    res.on("finish", () => log("info", "request", { method: req.method, path: url.pathname, status: res.statusCode, ms: Date.now() - started }));
    const open = url.pathname === "/health" || url.pathname.startsWith("/demo-model/");
    if (!open && config.internalToken && !authorized(req.headers.authorization, config.internalToken)) {
      sendError(res, "identity_required", "The runner only answers the platform: a valid internal bearer token is required.");
      return;
    }
    const found = router.match(req.method ?? "GET", url.pathname);
    if (!found) {
      sendError(res, "not_found", `No route for ${req.method} ${url.pathname}.`);
      return;
    }
    Promise.resolve(found.handler(req, res, found.params)).catch((error: unknown) => {
      log("error", "unhandled error", { path: url.pathname, error: error instanceof Error ? error.stack : String(error) });
      if (!res.headersSent) sendError(res, "internal_error", "The runner failed on this request.");
      else res.destroy();
    });
  });
}
