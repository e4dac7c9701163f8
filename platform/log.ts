import { env } from "cloudflare:workers";
import { type LogLevel, logThreshold, shouldLog } from "../shared/log-level.ts";

export type { LogLevel };

/**
 * Structured JSON logs: one object per line, picked up by Workers observability. LOG_LEVEL sets
 * the threshold (default info; the tests run with warn, see test/worker/vitest.config.ts).
 */
export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  if (!shouldLog(level, logThreshold(env.LOG_LEVEL, "info"))) return;
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
