import type { ProbeListener } from "../lib/probe-stream.ts";

export type Transport = "sse" | "ws";

/** A system under test for the live-data workload: one writer, many subscribers of one feed. */
export interface LiveFeed {
  /** One REST insert of a document carrying the probe fields; resolves when it is acknowledged. */
  insert(probe: { n: number; sentAt: number }): Promise<void>;
  /** Opens one subscriber; resolves once the subscription is established, returns its closer. */
  open(transport: Transport, listener: ProbeListener): Promise<() => void>;
}

export interface LiveTarget {
  label: string;
  transports: Transport[];
  /** A fresh feed (its own app or channel), so rows of the table never see each other's events. */
  feed(name: string): Promise<LiveFeed>;
  /** Resident memory of the target's processes, in MiB. */
  rssMiB(): number;
  /** CPU seconds the target's processes have used so far (user + system). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}
