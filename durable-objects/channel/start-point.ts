import type { EventLog } from "./event-log.ts";

/** Where a new subscription starts: after the current last seq, after a resume point, or at a reset. */
export type StartPoint = { kind: "live" } | { kind: "replay"; since: number } | { kind: "reset" };

/** A resume point that is not a non-negative integer, and where it came from. */
export interface InvalidResumePoint {
  invalid: "Last-Event-ID" | "since";
}

/**
 * The resume point of a request: `Last-Event-ID` (what EventSource sends on reconnect) wins over
 * `?since=`; `null` means none (live tail only).
 */
export function resumePoint(request: Request): number | null | InvalidResumePoint {
  const header = request.headers.get("last-event-id");
  const fromHeader = header !== null && header !== "";
  const raw = fromHeader ? header : new URL(request.url).searchParams.get("since");
  if (raw === null || raw === "") return null;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : { invalid: fromHeader ? "Last-Event-ID" : "since" };
}

/** A point the buffer no longer covers (trimmed, or beyond the last seq after data loss) is a reset. */
export function startPoint(log: EventLog, since: number | null): StartPoint {
  if (since === null) return { kind: "live" };
  if (since > log.lastSeq || since + 1 < log.firstSeq) return { kind: "reset" };
  return { kind: "replay", since };
}
