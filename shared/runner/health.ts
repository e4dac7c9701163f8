import { z } from "zod";

/** GET /health of the runner service (container-runner/). */
export const runnerHealthSchema = z.object({ ok: z.literal(true), role: z.enum(["runner", "relay"]), version: z.string() });
export type RunnerHealthBody = z.infer<typeof runnerHealthSchema>;
