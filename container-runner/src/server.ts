import { createServer, type Server } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { Router } from "./http/router.ts";
import { sendError, sendJson } from "./http/respond.ts";
import { log } from "./log.ts";
import type { RunnerHealthBody } from "../../shared/runner/health.ts";

export interface RunnerConfig {
  role: "runner" | "relay";
  version: string;
  /** When set, every route but /health needs `Authorization: Bearer <token>`. */
  internalToken: string | undefined;
}

const BUILDER_PENDING = "Builder sessions are not available yet: the Claude session runner arrives with the builder.";

function authorized(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith("Bearer ") ? header.slice(7) : "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The runner's HTTP surface (DESIGN.md §7). Session routes refuse clearly until the builder lands. */
export function createRunnerServer(config: RunnerConfig): Server {
  const router = new Router()
    .on("GET", "/health", (_req, res) => sendJson(res, 200, { ok: true, role: config.role, version: config.version } satisfies RunnerHealthBody))
    .on("POST", "/sessions/:appId/messages", (_req, res) => sendError(res, "not_implemented", BUILDER_PENDING))
    .on("GET", "/sessions/:appId/status", (_req, res) => sendError(res, "not_implemented", BUILDER_PENDING))
    .on("DELETE", "/sessions/:appId", (_req, res) => sendError(res, "not_implemented", BUILDER_PENDING))
    .on("GET", "/sessions/:appId/files", (_req, res) => sendError(res, "not_implemented", BUILDER_PENDING))
    .on("POST", "/sessions/:appId/agent-run", (_req, res) => sendError(res, "not_implemented", "App agent runs are not available yet: they arrive with app agents."))
    .on("GET", "/sessions/:appId/agent-run/:runId/events", (_req, res) => sendError(res, "not_implemented", "App agent runs are not available yet: they arrive with app agents."));

  return createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? "/", "http://runner");
    res.on("finish", () => log("info", "request", { method: req.method, path: url.pathname, status: res.statusCode, ms: Date.now() - started }));
    if (url.pathname !== "/health" && config.internalToken && !authorized(req.headers.authorization, config.internalToken)) {
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
