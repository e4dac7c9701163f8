import type { LoggedEvent } from "./event-log.ts";
import { wsEventFrame, wsEventsFrame } from "./wire.ts";

const wantsBatchFrames = (attachment: unknown) => typeof attachment === "object" && attachment !== null && "batch" in attachment && attachment.batch === true;

/**
 * The channel's hibernatable WebSockets. Each delivery is encoded at most twice (one `events`
 * frame for sockets that asked for batches, one `event` frame per event for the others), never
 * per socket; the socket's choice lives in its attachment, so it survives hibernation.
 */
export class SocketDelivery {
  private readonly batch = new WeakMap<WebSocket, boolean>();
  private turn = 0;

  constructor(private readonly ctx: DurableObjectState) {}

  get size(): number {
    return this.ctx.getWebSockets().length;
  }

  accept(socket: WebSocket, batch: boolean): void {
    this.ctx.acceptWebSocket(socket);
    socket.serializeAttachment({ batch });
    this.batch.set(socket, batch);
  }

  /** A replay page to one socket, in that socket's frame shape. */
  replay(socket: WebSocket, events: LoggedEvent[]): void {
    if (this.wantsBatch(socket)) socket.send(wsEventsFrame(events));
    else for (const event of events) socket.send(wsEventFrame(event));
  }

  /** One delivery to every open socket, starting at a different socket each time (no socket always last). */
  deliver(events: LoggedEvent[]): void {
    const sockets = this.ctx.getWebSockets();
    if (!sockets.length) return;
    let single: string[] | null = null;
    let batched: string | null = null;
    const start = this.turn++ % sockets.length;
    for (let k = 0; k < sockets.length; k++) {
      const socket = sockets[(start + k) % sockets.length]!;
      if (socket.readyState !== WebSocket.OPEN) continue;
      if (this.wantsBatch(socket)) {
        batched ??= wsEventsFrame(events);
        socket.send(batched);
      } else {
        single ??= events.map(wsEventFrame);
        for (const frame of single) socket.send(frame);
      }
    }
  }

  private wantsBatch(socket: WebSocket): boolean {
    let batch = this.batch.get(socket);
    if (batch === undefined) {
      batch = wantsBatchFrames(socket.deserializeAttachment());
      this.batch.set(socket, batch);
    }
    return batch;
  }
}
