/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week, UTC) with *, lists,
 * ranges and steps. Enough for agent schedules; no names, no seconds.
 */
const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12 },
  { min: 0, max: 6 },
] as const;

export type CronSpec = Set<number>[];

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
  const spec = parts.map((part, i) => parseField(part, FIELDS[i]!.min, FIELDS[i]!.max));
  return spec.every((s) => s !== null) ? (spec as CronSpec) : null;
}

/** The first minute strictly after `after` that matches, within a year; null if none does. */
export function nextCronTime(spec: CronSpec, after: number): number | null {
  const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  for (let i = 0; i < 366 * 24 * 60; i++) {
    if (spec[3]!.has(t.getUTCMonth() + 1) && spec[2]!.has(t.getUTCDate()) && spec[4]!.has(t.getUTCDay()) && spec[1]!.has(t.getUTCHours()) && spec[0]!.has(t.getUTCMinutes()))
      return t.getTime();
    t.setUTCMinutes(t.getUTCMinutes() + 1);
  }
  return null;
}
