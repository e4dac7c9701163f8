import { z } from "zod";

const eventFrameSchema = z.object({ type: z.literal("event"), seq: z.number().int().positive(), data: z.unknown() });

/** Query parameter of a WebSocket subscription that asks for `events` frames (`?frames=batch`). */
export const BATCH_FRAMES_PARAM = "frames";

/**
 * What a Channel subscriber receives over a WebSocket. By default one `event` frame per event; a
 * socket opened with `?frames=batch` gets `events` frames instead: the events the channel
 * coalesced into one delivery, consecutive seqs in order (an extension: default sockets never see
 * it). Over SSE the same arrives as `id: <seq>` + `data: <data JSON>` (several events may share
 * one network chunk), and a reset as `id: <lastSeq>` + `data: {"type":"reset"}`.
 */
export const channelFrameSchema = z.discriminatedUnion("type", [
  eventFrameSchema,
  z.object({ type: z.literal("events"), events: z.array(eventFrameSchema.omit({ type: true })).min(1) }),
  /** The resume point is gone: refetch, then continue live after `seq`. */
  z.object({ type: z.literal("reset"), seq: z.number().int().nonnegative() }),
]);
export type ChannelFrame = z.infer<typeof channelFrameSchema>;

/** The `data` of an SSE reset event. */
export const RESET_DATA = { type: "reset" } as const;

/** An event handed to Channel.publish; a repeated sourceEventId is dropped as a duplicate. */
export const publishEventSchema = z.object({ sourceEventId: z.string().min(1).max(200).optional(), data: z.unknown() });
export type PublishEvent = z.infer<typeof publishEventSchema>;
export const publishBatchSchema = z.array(publishEventSchema);

export const publishResultSchema = z.object({
  published: z.array(z.object({ seq: z.number().int().positive(), sourceEventId: z.string().optional() })),
  duplicates: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;
