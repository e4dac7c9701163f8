import { z } from "zod";

/** The product analytics events the platform captures; anything else is refused. */
export const ANALYTICS_EVENTS = [
  "page viewed",
  "onboarding finished",
  "chat initiated",
  "sidebar clicked",
  "import existing app clicked",
  "import existing app triggered",
  "build completed",
  "build failed",
  "approval shown",
  "approval acted",
  "integration setup started",
  "integration setup completed",
  "app displayed",
  "app agent triggered",
  "app agent finished",
  "app agent error",
  "showed suggestions tool called",
  "suggestion picked",
  "agents approved",
] as const;
export const analyticsEventSchema = z.enum(ANALYTICS_EVENTS);
export type AnalyticsEvent = (typeof ANALYTICS_EVENTS)[number];
export type AnalyticsProperties = Record<string, string | number | boolean | null>;

/** Why a builder turn or an agent run did not complete: a phase and a short code, never the raw error text. */
export const failurePhaseSchema = z.enum(["stopped", "timeout", "runner", "turn", "save", "interrupted", "runner_lost"]);
export type FailurePhase = z.infer<typeof failurePhaseSchema>;

export const ANONYMOUS_ID_KEY = "second:analytics-anonymous-id:v1";
export const anonymousIdSchema = z.string().regex(/^anon_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

const propertyValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

/** POST /api/analytics/capture */
export const captureBodySchema = z
  .object({
    event: analyticsEventSchema,
    anonymousId: anonymousIdSchema,
    properties: z.record(z.string().max(64), propertyValue).default({}),
  })
  .strict()
  .refine((body) => Object.keys(body.properties).length <= 40, { message: "At most 40 properties." });
export type CaptureBody = z.infer<typeof captureBodySchema>;

export const captureResultSchema = z.object({ forwarded: z.boolean(), reason: z.string().optional() });

/** PATCH /api/me/usage-data: whether this person's analytics are anonymized (default: yes). */
export const usageDataSchema = z.object({ anonymized: z.boolean() }).strict();
/**
 * GET/PATCH /api/me/usage-data answer: the person's mode, and whether this deployment collects
 * analytics at all (off with --disable-telemetry, SECOND_TELEMETRY_DISABLED, or without a token);
 * when it does not, the browser sends nothing.
 */
export const usageDataStateSchema = z.object({ anonymized: z.boolean(), collecting: z.boolean() });
export type UsageDataState = z.infer<typeof usageDataStateSchema>;
