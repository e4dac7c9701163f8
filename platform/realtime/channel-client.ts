import type { Env } from "../env.ts";
import type { PublishEvent, PublishResult } from "../../shared/realtime/channel-frames.ts";

/** Channel names: one per workspace for its events, one per app data scope. */
export const workspaceChannel = (workspaceId: string) => `ws:${workspaceId}`;
export const dataChannel = (workspaceId: string, scopedAppId: string) => `data:${workspaceId}:${scopedAppId}`;

export const channelFor = (env: Env, key: string) => env.CHANNEL.getByName(key);

export function publish(env: Env, key: string, events: PublishEvent[]): Promise<PublishResult> {
  return channelFor(env, key).publish(events);
}

/** Hands an already-authorized subscription request (SSE or WebSocket upgrade) to the channel. */
export function subscribe(env: Env, key: string, request: Request): Promise<Response> {
  return channelFor(env, key).fetch(request);
}
