import { z } from "zod";

/**
 * Capabilities: short-lived tokens the Worker signs (ES256) for one builder turn, one agent run or
 * one call to the runner. The runner and the relay never hold a platform-wide secret; a capability
 * that leaks gives away one run's reach until it expires. See docs/security.md.
 */
export const CAPABILITY_ISSUER = "second-platform";
/** Who accepts a token: the Worker's /api/internal/* (call-backs) or the runner (platform calls). */
export const CAPABILITY_AUDIENCE = { platform: "second-internal", runner: "second-runner" } as const;

/** What a run may ask of the model pass-through. */
export const modelLimitsSchema = z.object({
  models: z.array(z.string().min(1)).min(1),
  maxOutputTokens: z.number().int().positive(),
  maxCalls: z.number().int().positive(),
});
export type ModelLimits = z.infer<typeof modelLimitsSchema>;

const bound = { wid: z.string().min(1), app: z.string().min(1) };

/** A builder turn: model calls and its own app's draft snapshot. */
export const builderTurnClaimsSchema = z.object({
  purpose: z.literal("builder-turn"),
  ...bound,
  scope: z.literal("draft"),
  run: z.string().min(1),
  model: modelLimitsSchema,
});

/** An app agent run: model calls and the approved collections of one app scope. */
export const agentRunClaimsSchema = z.object({
  purpose: z.literal("agent-run"),
  ...bound,
  scope: z.enum(["draft", "published"]),
  run: z.string().min(1),
  agent: z.string().min(1),
  collections: z.array(z.string().min(1)),
  model: modelLimitsSchema,
});

/** The platform calling the runner about one app (the runner answers nobody else). */
export const runnerCallClaimsSchema = z.object({ purpose: z.literal("runner-call"), ...bound });

export const capabilityClaimsSchema = z.discriminatedUnion("purpose", [builderTurnClaimsSchema, agentRunClaimsSchema, runnerCallClaimsSchema]);
export type CapabilityClaims = z.infer<typeof capabilityClaimsSchema>;
export type CapabilityPurpose = CapabilityClaims["purpose"];
export type BuilderTurnClaims = z.infer<typeof builderTurnClaimsSchema>;
export type AgentRunClaims = z.infer<typeof agentRunClaimsSchema>;
/** A verified capability: its claims plus the token's id (one per turn/run/call). */
export type Capability = CapabilityClaims & { jti: string };

export const audienceOf = (purpose: CapabilityPurpose) => (purpose === "runner-call" ? CAPABILITY_AUDIENCE.runner : CAPABILITY_AUDIENCE.platform);
