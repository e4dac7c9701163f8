import { RESET_DATA, type ChannelFrame } from "../../shared/realtime/channel-frames.ts";
import type { LoggedEvent } from "./event-log.ts";

/** SSE: `id: <seq>` and the event's stored JSON as `data:`. */
export const sseEvents = (events: LoggedEvent[]) => events.map((e) => `id: ${e.seq}\ndata: ${e.data}\n\n`).join("");
export const sseReset = (lastSeq: number) => `id: ${lastSeq}\ndata: ${JSON.stringify(RESET_DATA)}\n\n`;
export const SSE_HEARTBEAT = ": heartbeat\n\n";
/** Sent first on every stream: how long EventSource waits before reconnecting. */
export const SSE_PREAMBLE = "retry: 2000\n\n";

/**
 * A WebSocket `event` frame (channelFrameSchema). The stored JSON is spliced in rather than parsed
 * and serialized again for every event.
 */
export const wsEventFrame = (event: LoggedEvent) => `{"type":"event","seq":${event.seq},"data":${event.data}}`;
/** A WebSocket `events` frame: one coalesced delivery, the stored JSON spliced in the same way. */
export const wsEventsFrame = (events: LoggedEvent[]) => `{"type":"events","events":[${events.map((e) => `{"seq":${e.seq},"data":${e.data}}`).join(",")}]}`;
export const wsResetFrame = (lastSeq: number) => JSON.stringify({ type: "reset", seq: lastSeq } satisfies ChannelFrame);
