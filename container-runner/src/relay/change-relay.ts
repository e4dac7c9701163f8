import type { RelayChange } from "../../../shared/api/internal.ts";

/** A MongoDB change event as the driver yields it (the fields the relay uses). */
export interface MongoChangeEvent {
  _id: { _data: string } | Record<string, unknown>;
  operationType: string;
  documentKey?: { _id: unknown };
  fullDocument?: Record<string, unknown> | null;
  fullDocumentBeforeChange?: Record<string, unknown> | null;
}

export type ResumeToken = MongoChangeEvent["_id"];

/** Opens the change stream after `resumeAfter` (or at the current time when null). */
export type OpenChangeStream = (resumeAfter: ResumeToken | null) => AsyncIterable<MongoChangeEvent> & { close(): Promise<void> };

export interface TokenStore {
  load(): Promise<ResumeToken | null>;
  save(token: ResumeToken): Promise<void>;
}

/** Posts one batch; resolves only when the platform acknowledged it (2xx). */
export type PostBatch = (changes: RelayChange[]) => Promise<void>;

export interface RelayOptions {
  maxBatch?: number;
  /** How long a partial batch may wait for company. */
  flushMs?: number;
  retryMs?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

const tokenId = (token: ResumeToken) => ("_data" in token && typeof token._data === "string" ? token._data : JSON.stringify(token));
const OPS = new Set(["insert", "update", "replace", "delete"]);

export function toRelayChange(event: MongoChangeEvent): RelayChange | null {
  if (!OPS.has(event.operationType) || !event.documentKey || typeof event.documentKey._id !== "string") return null;
  return {
    eventId: tokenId(event._id),
    operationType: event.operationType as RelayChange["operationType"],
    documentKey: { _id: event.documentKey._id },
    fullDocument: (event.fullDocument ?? null) as RelayChange["fullDocument"],
    fullDocumentBeforeChange: (event.fullDocumentBeforeChange ?? null) as RelayChange["fullDocumentBeforeChange"],
  };
}

/** Groups a window of changes per (workspaceId, scoped appId), keeping each group's order. */
export function groupByScope(changes: RelayChange[]): RelayChange[][] {
  const groups = new Map<string, RelayChange[]>();
  for (const change of changes) {
    const doc = change.fullDocument ?? change.fullDocumentBeforeChange;
    const key = doc ? `${doc.workspaceId}\u0000${doc.appId}` : "";
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [...groups.values()];
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Tails the app_data change stream and forwards it to the platform, at least once: a window of
 * changes is posted (per scope) and the resume token of its last change is saved only after every
 * post was acknowledged. A crash between the two replays the window on restart; the Channel drops
 * the duplicates by event id, so subscribers see each change once.
 */
export class ChangeRelay {
  private readonly maxBatch: number;
  private readonly flushMs: number;
  private readonly retryMs: number;
  private readonly log: NonNullable<RelayOptions["log"]>;

  constructor(
    private readonly open: OpenChangeStream,
    private readonly tokens: TokenStore,
    private readonly post: PostBatch,
    options: RelayOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.flushMs = options.flushMs ?? 50;
    this.retryMs = options.retryMs ?? 1000;
    this.log = options.log ?? (() => {});
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const stream = this.open(await this.tokens.load());
      const onAbort = () => void stream.close();
      signal.addEventListener("abort", onAbort, { once: true });
      try {
        await this.pump(stream, signal);
      } catch (error) {
        if (signal.aborted) break;
        this.log("change stream failed; reopening from the saved token", { error: error instanceof Error ? error.message : String(error) });
        await sleep(this.retryMs, signal);
      } finally {
        signal.removeEventListener("abort", onAbort);
        await stream.close();
      }
    }
  }

  private async pump(stream: AsyncIterable<MongoChangeEvent>, signal: AbortSignal): Promise<void> {
    const iterator = stream[Symbol.asyncIterator]();
    let window: { changes: RelayChange[]; last: ResumeToken } | null = null;
    let next = iterator.next();
    for (;;) {
      const waited: IteratorResult<MongoChangeEvent> | "flush" = window ? await Promise.race([next, sleep(this.flushMs, signal).then(() => "flush" as const)]) : await next;
      if (signal.aborted) return;
      if (waited === "flush") {
        await this.deliver(window!, signal);
        window = null;
        continue;
      }
      if (waited.done) {
        if (window) await this.deliver(window, signal);
        return;
      }
      next = iterator.next();
      const change = toRelayChange(waited.value);
      window ??= { changes: [], last: waited.value._id };
      window.last = waited.value._id;
      if (change) window.changes.push(change);
      if (window.changes.length >= this.maxBatch) {
        await this.deliver(window, signal);
        window = null;
      }
    }
  }

  private async deliver(window: { changes: RelayChange[]; last: ResumeToken }, signal: AbortSignal): Promise<void> {
    for (const group of groupByScope(window.changes)) {
      for (;;) {
        try {
          await this.post(group);
          break;
        } catch (error) {
          if (signal.aborted) throw error;
          this.log("posting changes failed; retrying", { error: error instanceof Error ? error.message : String(error), count: group.length });
          await sleep(this.retryMs, signal);
        }
      }
    }
    await this.tokens.save(window.last);
  }
}
