import { z } from "zod";

/** WebSocket frames of a Channel subscription (SSE carries the same as `id: seq` + `data:`). */
export const channelFrameSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("event"), seq: z.number().int().positive(), data: z.unknown() }),
  /** The resume point is gone: refetch, then continue live after `seq`. */
  z.object({ type: z.literal("reset"), seq: z.number().int().nonnegative() }),
]);
export type ChannelFrame = z.infer<typeof channelFrameSchema>;

export const RESET_DATA = { type: "reset" } as const;

export const publishEventSchema = z.object({ sourceEventId: z.string().min(1).max(200).optional(), data: z.unknown() });
export type PublishEvent = z.infer<typeof publishEventSchema>;

export interface PublishResult {
  published: { seq: number; sourceEventId?: string }[];
  duplicates: number;
  lastSeq: number;
}
