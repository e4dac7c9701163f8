import { DurableObject } from "cloudflare:workers";
import type { Env } from "../platform/env.ts";
import { EventLog } from "./channel/event-log.ts";
import { SseCursors } from "./channel/sse-cursors.ts";
import { resumePoint, startPoint, type StartPoint } from "./channel/start-point.ts";
import { wsResetFrame } from "./channel/wire.ts";
import { Coalescer, windowFor } from "./channel/coalescer.ts";
import { SocketDelivery } from "./channel/socket-delivery.ts";
import { errorStatus, type ErrorBody } from "../shared/api/errors.ts";
import { BATCH_FRAMES_PARAM, publishBatchSchema, type PublishEvent, type PublishResult } from "../shared/realtime/channel-frames.ts";

const HEARTBEAT_MS = 30_000;
const SSE_QUEUE_BYTES = 256 * 1024;
const PAGE_SIZE = 500;

export interface ChannelStats {
  lastSeq: number;
  /** The last seq handed to live subscribers (lastSeq while no delivery is waiting). */
  deliveredSeq: number;
  firstSeq: number;
  capacity: number;
  sseSubscribers: number;
  sseQueuedBytes: number;
  webSockets: number;
}

function invalidResumePoint(field: string): Response {
  const message = "must be a non-negative integer (the seq of the last event received)";
  const body: ErrorBody = { error: { code: "validation_failed", message: `${field} ${message}.`, fields: [{ path: field, message }] } };
  return Response.json(body, { status: errorStatus.validation_failed });
}

/**
 * Sequenced fan-out (docs/wire-protocols.md#channel-streams), one per channel: `ws:{workspaceId}` or
 * `data:{workspaceId}:{scopedAppId}`. Every event gets the next seq in a SQLite ring buffer;
 * subscribers (SSE, or hibernatable WebSockets) resume from a seq and receive every later event in
 * order, once; a resume point that is no longer buffered gets `reset`. See docs/decisions/0003.
 */
export class Channel extends DurableObject<Env> {
  private readonly log: EventLog;
  private readonly sse: SseCursors;
  private readonly sockets: SocketDelivery;
  private readonly coalescer: Coalescer;
  /** A fixed coalescing window (tests); null: it follows the audience (windowFor). */
  private fixedWindowMs: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.log = new EventLog(ctx.storage.sql, (fn) => ctx.storage.transactionSync(fn));
    this.sse = new SseCursors(
      this.log,
      { heartbeatMs: Number(env.CHANNEL_HEARTBEAT_MS) || HEARTBEAT_MS, queueBytes: SSE_QUEUE_BYTES, pageSize: PAGE_SIZE },
      () => this.coalescer.deliveredSeq,
    );
    this.sockets = new SocketDelivery(ctx);
    this.coalescer = new Coalescer(
      this.log.lastSeq,
      () => this.fixedWindowMs ?? windowFor(this.sse.size + this.sockets.size),
      (events) => {
        this.sse.broadcast(events);
        this.sockets.deliver(events);
      },
    );
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /**
   * Numbers and stores in one synchronous step, so concurrent publishes never interleave, then
   * hands the events to the coalescer (delivered at once, or with the others of the same few
   * milliseconds). Duplicates (by sourceEventId) are dropped, so upstream retries are safe.
   */
  async publish(events: PublishEvent[]): Promise<PublishResult> {
    const { result, logged } = this.log.append(publishBatchSchema.parse(events));
    if (logged.length) this.coalescer.add(logged);
    return result;
  }

  /** Fixes the coalescing window (ms; 0 delivers every publish at once); null restores the automatic one. */
  async setCoalesceWindow(ms: number | null): Promise<void> {
    this.fixedWindowMs = ms === null ? null : Math.max(0, Math.min(1000, ms));
  }

  /** The ring buffer's size (default 10,000); shrinking it trims the oldest events at once. */
  async setCapacity(capacity: number): Promise<void> {
    this.log.setCapacity(capacity);
  }

  async stats(): Promise<ChannelStats> {
    return {
      lastSeq: this.log.lastSeq,
      deliveredSeq: this.coalescer.deliveredSeq,
      firstSeq: this.log.firstSeq,
      capacity: this.log.capacity,
      sseSubscribers: this.sse.size,
      sseQueuedBytes: this.sse.queuedBytes,
      webSockets: this.sockets.size,
    };
  }

  /** A subscription, already authorized by the Worker: SSE, or a WebSocket upgrade. */
  override async fetch(request: Request): Promise<Response> {
    const since = resumePoint(request);
    if (since !== null && typeof since === "object") return invalidResumePoint(since.invalid);
    const start = startPoint(this.log, since);
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return this.sse.open(start, this.coalescer.deliveredSeq);
    return this.openWebSocket(start, new URL(request.url).searchParams.get(BATCH_FRAMES_PARAM) === "batch");
  }

  override async webSocketMessage(): Promise<void> {
    // Subscribers only listen; "ping" is answered by the auto-response without waking the object.
  }

  /** Completes the closing handshake unless the runtime already did (web_socket_auto_reply_to_close). */
  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    if (ws.readyState !== WebSocket.CLOSING) return;
    // 1005, 1006 and 1015 describe the peer's close and may not be sent back.
    ws.close(code === 1005 || code === 1006 || code === 1015 ? 1000 : code, "bye");
  }

  /**
   * Waiting events are delivered first; then the replay is sent synchronously, before any other
   * delivery can run, and from then on every delivery goes to every socket: a socket is always at
   * the last delivered seq, so it needs no per-socket position and survives hibernation as is.
   */
  private openWebSocket(start: StartPoint, batch: boolean): Response {
    this.coalescer.flush();
    const { 0: client, 1: server } = new WebSocketPair();
    this.sockets.accept(server, batch);
    if (start.kind === "reset") server.send(wsResetFrame(this.log.lastSeq));
    if (start.kind === "replay") {
      for (let page = this.log.after(start.since, PAGE_SIZE); page.length; page = this.log.after(page.at(-1)!.seq, PAGE_SIZE)) this.sockets.replay(server, page);
    }
    return new Response(null, { status: 101, webSocket: client });
  }
}
