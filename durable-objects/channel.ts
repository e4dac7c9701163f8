import { DurableObject } from "cloudflare:workers";
import type { Env } from "../worker/env.ts";
import { EventLog, type LoggedEvent } from "./channel/event-log.ts";
import { SseSubscribers, sseEvent, sseFrames } from "./sse/sse-subscribers.ts";
import { publishEventSchema, RESET_DATA, type ChannelFrame, type PublishEvent, type PublishResult } from "../shared/realtime/channel-frames.ts";

const HEARTBEAT_MS = 30_000;
const REPLAY_PAGE = 1000;

type StartPoint = { kind: "live" } | { kind: "replay"; since: number } | { kind: "reset" };

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/**
 * Sequenced fan-out (DESIGN.md §5), one per channel: `ws:{workspaceId}` or
 * `data:{workspaceId}:{scopedAppId}`. Every event gets the next seq in a SQLite ring buffer;
 * subscribers (SSE, or hibernatable WebSockets) resume from a seq and receive every later event in
 * order, once; a resume point that is no longer buffered gets `reset`. See docs/decisions/0003.
 */
export class Channel extends DurableObject<Env> {
  private readonly log: EventLog;
  private readonly sse: SseSubscribers;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.log = new EventLog(ctx.storage.sql, (fn) => ctx.storage.transactionSync(fn));
    this.sse = new SseSubscribers(Number(env.CHANNEL_HEARTBEAT_MS) || HEARTBEAT_MS);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  /** Appends and fans out. Duplicates (by sourceEventId) are dropped, so upstream retries are safe. */
  async publish(events: PublishEvent[]): Promise<PublishResult> {
    const valid = events.map((e) => publishEventSchema.parse(e));
    const { result, logged } = this.log.append(valid);
    if (logged.length) this.broadcast(logged);
    return result;
  }

  /** For tests and operations. */
  async setCapacity(capacity: number): Promise<void> {
    this.log.setCapacity(capacity);
  }

  async stats(): Promise<{ lastSeq: number; firstSeq: number; sseSubscribers: number; webSockets: number }> {
    return { lastSeq: this.log.lastSeq, firstSeq: this.log.firstSeq, sseSubscribers: this.sse.size, webSockets: this.ctx.getWebSockets().length };
  }

  /** A subscription, already authorized by the Worker: SSE, or a WebSocket upgrade. */
  override async fetch(request: Request): Promise<Response> {
    const since = this.resumePoint(request);
    if (since === "invalid") return errorResponse(400, "validation_failed", "Last-Event-ID / since must be a non-negative integer.");
    const start = this.startPoint(since);
    return request.headers.get("upgrade")?.toLowerCase() === "websocket" ? this.openWebSocket(start) : this.openSse(start);
  }

  override async webSocketMessage(): Promise<void> {
    // Subscribers only listen; "ping" is answered by the auto-response without waking us.
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    ws.close(code === 1005 ? 1000 : code, "bye");
  }

  private resumePoint(request: Request): number | null | "invalid" {
    const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("since");
    if (raw === null || raw === "") return null;
    return /^\d{1,15}$/.test(raw) ? Number(raw) : "invalid";
  }

  private startPoint(since: number | null): StartPoint {
    if (since === null) return { kind: "live" };
    const last = this.log.lastSeq;
    if (since > last) return { kind: "reset" };
    if (since + 1 < this.log.firstSeq) return { kind: "reset" };
    return { kind: "replay", since };
  }

  /** Replays synchronously, so no publish can slip between the replay and the live tail. */
  private replay(since: number, send: (events: LoggedEvent[]) => void): void {
    let cursor = since;
    for (;;) {
      const page = this.log.after(cursor, REPLAY_PAGE);
      if (page.length === 0) return;
      send(page);
      cursor = page.at(-1)!.seq;
    }
  }

  private openSse(start: StartPoint): Response {
    let initial = "";
    if (start.kind === "reset") initial = sseEvent(this.log.lastSeq, JSON.stringify(RESET_DATA));
    if (start.kind === "replay") this.replay(start.since, (page) => (initial += sseFrames(page)));
    return this.sse.open(initial);
  }

  private openWebSocket(start: StartPoint): Response {
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server);
    if (start.kind === "reset") server.send(JSON.stringify({ type: "reset", seq: this.log.lastSeq } satisfies ChannelFrame));
    if (start.kind === "replay") this.replay(start.since, (page) => this.sendFrames(server, page));
    return new Response(null, { status: 101, webSocket: client });
  }

  private sendFrames(ws: WebSocket, events: LoggedEvent[]): void {
    for (const event of events) ws.send(`{"type":"event","seq":${event.seq},"data":${event.data}}`);
  }

  private broadcast(events: LoggedEvent[]): void {
    this.sse.broadcast(sseFrames(events));
    for (const ws of this.ctx.getWebSockets()) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      this.sendFrames(ws, events);
    }
  }
}
