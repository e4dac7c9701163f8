import type { Env } from "../../platform/env.ts";

/**
 * Every rate limit, its variable and its default (count per seconds). The defaults sit far above
 * what a team does by hand or through an app in normal use, and far below a flood. Each variable
 * takes `<count>/<seconds>` or `off`; SECOND_RATE_LIMITS=off turns them all off (benchmarks).
 */
export const RATE_LIMITS = {
  /** App data writes (insert, update, delete) into one app, draft and published together. */
  dataWritesPerApp: { variable: "SECOND_RATE_LIMIT_DATA_WRITES_PER_APP", defaultValue: "6000/60" },
  /** App data writes by one person in one workspace, over all its apps. */
  dataWritesPerUser: { variable: "SECOND_RATE_LIMIT_DATA_WRITES_PER_USER", defaultValue: "6000/60" },
  /** App data writes in one workspace, everyone together. */
  dataWritesPerWorkspace: { variable: "SECOND_RATE_LIMIT_DATA_WRITES_PER_WORKSPACE", defaultValue: "30000/60" },
  /** Builder turns (new runs and chat messages) by one person in one workspace. */
  builderTurnsPerUser: { variable: "SECOND_RATE_LIMIT_BUILDER_TURNS_PER_USER", defaultValue: "30/60" },
  /** Builder turns in one workspace, everyone together. */
  builderTurnsPerWorkspace: { variable: "SECOND_RATE_LIMIT_BUILDER_TURNS_PER_WORKSPACE", defaultValue: "300/60" },
  /** App agent runs started by one person in one workspace (anyone who may use a published app can start them). */
  agentRunsPerUser: { variable: "SECOND_RATE_LIMIT_AGENT_RUNS_PER_USER", defaultValue: "30/60" },
  /** App agent runs started in one workspace, everyone together through the API (schedules are not counted). */
  agentRunsPerWorkspace: { variable: "SECOND_RATE_LIMIT_AGENT_RUNS_PER_WORKSPACE", defaultValue: "300/60" },
  /** Invitations sent by one person in one workspace. */
  invitationsPerUser: { variable: "SECOND_RATE_LIMIT_INVITATIONS_PER_USER", defaultValue: "200/3600" },
  /** Invitations sent in one workspace. */
  invitationsPerWorkspace: { variable: "SECOND_RATE_LIMIT_INVITATIONS_PER_WORKSPACE", defaultValue: "500/3600" },
  /** Analytics events captured for one person. */
  analyticsPerUser: { variable: "SECOND_RATE_LIMIT_ANALYTICS_PER_USER", defaultValue: "600/60" },
  /** Every other state change by one person (members, teams, apps, settings, workspaces, sign-in). */
  writesPerUser: { variable: "SECOND_RATE_LIMIT_WRITES_PER_USER", defaultValue: "600/60" },
  /** State changes without a signed-in person (sign-in itself), per client address. */
  anonymousWritesPerClient: { variable: "SECOND_RATE_LIMIT_ANONYMOUS_WRITES_PER_CLIENT", defaultValue: "600/60" },
} as const;

export type LimitName = keyof typeof RATE_LIMITS;
export interface Limit {
  limit: number;
  periodMs: number;
}

const FORMAT = /^(\d{1,9})\s*\/\s*(\d{1,7})$/;
const MAX_PERIOD_SECONDS = 86_400;

/** `<count>/<seconds>` -> the limit; `off` -> null (unlimited); anything else throws, naming the variable. */
export function parseLimit(variable: string, value: string): Limit | null {
  if (value.trim().toLowerCase() === "off") return null;
  const match = FORMAT.exec(value.trim());
  const limit = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  if (!match || limit < 1 || seconds < 1 || seconds > MAX_PERIOD_SECONDS) {
    throw new Error(`${variable} must be "<count>/<seconds>" (for example "6000/60", at most ${MAX_PERIOD_SECONDS} s) or "off", not "${value}".`);
  }
  return { limit, periodMs: seconds * 1000 };
}

type LimitVariable = (typeof RATE_LIMITS)[keyof typeof RATE_LIMITS]["variable"] | "SECOND_RATE_LIMITS";

const configured = (env: Env, variable: LimitVariable): string | undefined => {
  const value = env[variable];
  return value?.trim() ? value : undefined;
};

export function rateLimitsOff(env: Env): boolean {
  return configured(env, "SECOND_RATE_LIMITS")?.trim().toLowerCase() === "off";
}

/** The limit in force for a name, or null when it is switched off. */
export function limitFor(env: Env, name: LimitName): Limit | null {
  if (rateLimitsOff(env)) return null;
  const { variable, defaultValue } = RATE_LIMITS[name];
  return parseLimit(variable, configured(env, variable) ?? defaultValue);
}

/** Startup check: every configured limit parses. */
export function assertRateLimitConfig(env: Env): void {
  const all = configured(env, "SECOND_RATE_LIMITS");
  if (all !== undefined && !["on", "off"].includes(all.trim().toLowerCase())) throw new Error(`SECOND_RATE_LIMITS must be "on" or "off", not "${all}".`);
  for (const name of Object.keys(RATE_LIMITS) as LimitName[]) limitFor(env, name);
}
