/** Log levels in increasing severity; `silent` logs nothing. */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevelSetting = (typeof LOG_LEVELS)[number];
export type LogLevel = Exclude<LogLevelSetting, "silent">;

const isSetting = (value: string): value is LogLevelSetting => (LOG_LEVELS as readonly string[]).includes(value);

/** The configured threshold (LOG_LEVEL), or `fallback` when unset or not a level. */
export function logThreshold(configured: string | undefined, fallback: LogLevelSetting): LogLevelSetting {
  const value = configured?.trim().toLowerCase() ?? "";
  return isSetting(value) ? value : fallback;
}

export function shouldLog(level: LogLevel, threshold: LogLevelSetting): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold);
}
