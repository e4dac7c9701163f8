import { type LogLevel, logThreshold, shouldLog } from "../../shared/log-level.ts";

/**
 * Structured JSON logs, one object per line (the same shape as the Worker's). LOG_LEVEL sets the
 * threshold: info by default, warn under `node --test` (which sets NODE_TEST_CONTEXT in every test
 * process), so passing tests print no request lines.
 */
export function log(level: Exclude<LogLevel, "debug">, msg: string, fields: Record<string, unknown> = {}): void {
  if (!shouldLog(level, logThreshold(process.env.LOG_LEVEL, process.env.NODE_TEST_CONTEXT ? "warn" : "info"))) return;
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), service: "runner", ...fields });
  (level === "error" ? process.stderr : process.stdout).write(`${line}\n`);
}
