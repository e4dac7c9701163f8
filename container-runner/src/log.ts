/** Structured JSON logs, one object per line (the same shape as the Worker's). */
export function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), service: "runner", ...fields });
  (level === "error" ? process.stderr : process.stdout).write(`${line}\n`);
}
