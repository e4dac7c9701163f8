import { env } from "cloudflare:workers";
import { channelFrameSchema, type ChannelFrame } from "../../../shared/realtime/channel-frames.ts";
import { SseReader } from "./sse-reader.ts";

/** Test access to Channel objects, the way the Worker reaches them (after authorization). */
export const channel = (name: string) => env.CHANNEL.getByName(name);

export const sequence = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export async function subscribeSse(name: string, init: { headers?: Record<string, string>; query?: string } = {}): Promise<SseReader> {
  return new SseReader(await channel(name).fetch(new Request(`http://channel/subscribe${init.query ?? ""}`, { headers: init.headers })));
}

/** Publishes `{ n }` for n = from..to with sourceEventId `src-n`, `batch` events per call. */
export async function publishRange(name: string, from: number, to: number, batch = 50): Promise<void> {
  for (let start = from; start <= to; start += batch) {
    const events = sequence(start, Math.min(to, start + batch - 1)).map((n) => ({ sourceEventId: `src-${n}`, data: { n } }));
    await channel(name).publish(events);
  }
}

export interface WsSubscriber {
  ws: WebSocket;
  /** Every frame, in arrival order. */
  frames: ChannelFrame[];
  /** The seqs of the events received (in `event` or `events` frames), in arrival order. */
  seqs: number[];
}

export async function connectWs(name: string, query = ""): Promise<WsSubscriber> {
  const response = await channel(name).fetch(new Request(`http://channel/subscribe${query}`, { headers: { upgrade: "websocket" } }));
  if (!response.webSocket) throw new Error(`no WebSocket (status ${response.status})`);
  const ws = response.webSocket;
  ws.accept();
  const subscriber: WsSubscriber = { ws, frames: [], seqs: [] };
  ws.addEventListener("message", (event) => {
    const frame = channelFrameSchema.parse(JSON.parse(String(event.data)));
    subscriber.frames.push(frame);
    if (frame.type === "event") subscriber.seqs.push(frame.seq);
    if (frame.type === "events") subscriber.seqs.push(...frame.events.map((e) => e.seq));
  });
  return subscriber;
}

/** Polls until `check` holds; the tests assert on what arrived, never on how long it took. */
export async function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the condition");
    await new Promise((r) => setTimeout(r, 5));
  }
}
