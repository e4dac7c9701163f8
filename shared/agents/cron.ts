/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week, UTC) with *, lists,
 * ranges and steps. Enough for agent schedules; no names, no seconds. As in standard cron, when both
 * day-of-month and day-of-week are restricted (neither starts with `*`) a day matches if either does.
 */
const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 6 },
] as const;

export interface CronSpec {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Both day fields restricted: a day matches on either (standard cron), not on both. */
  eitherDay: boolean;
}

function parseField(text: string, min: number, max: number): Set<number> | null {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) return null;
    const from = match[1] === "*" ? min : Number(match[2]);
    const to = match[1] === "*" ? max : match[3] !== undefined ? Number(match[3]) : match[4] ? max : from;
    const step = match[4] ? Number(match[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return null;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSpec | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((part, i) => parseField(part, FIELDS[i]!.min, FIELDS[i]!.max));
  if (!minutes || !hours || !daysOfMonth || !months || !daysOfWeek) return null;
  const restricted = (field: string) => !field.startsWith("*");
  return { minutes, hours, daysOfMonth, months, daysOfWeek, eitherDay: restricted(parts[2]!) && restricted(parts[4]!) };
}

function dayMatches(spec: CronSpec, t: Date): boolean {
  const dom = spec.daysOfMonth.has(t.getUTCDate());
  const dow = spec.daysOfWeek.has(t.getUTCDay());
  return spec.eitherDay ? dom || dow : dom && dow;
}

/** The first minute strictly after `after` that matches, within a year; null if none does. */
export function nextCronTime(spec: CronSpec, after: number): number | null {
  const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  for (let i = 0; i < 366 * 24 * 60; i++) {
    if (spec.months.has(t.getUTCMonth() + 1) && dayMatches(spec, t) && spec.hours.has(t.getUTCHours()) && spec.minutes.has(t.getUTCMinutes())) return t.getTime();
    t.setUTCMinutes(t.getUTCMinutes() + 1);
  }
  return null;
}
