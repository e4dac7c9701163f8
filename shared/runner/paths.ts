import { z } from "zod";

/** Path parameters of the runner's routes: plain ids, never a path (`..%2F` is a 400). */
export const runnerIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "An id of letters, digits, _ and -.");
export const runnerAppParamsSchema = z.object({ appId: runnerIdSchema });
export const runnerAgentRunParamsSchema = z.object({ appId: runnerIdSchema, runId: runnerIdSchema });
