import { createMiddleware } from "hono/factory";
import type { Context } from "hono";
import type { InternalEnv } from "./internal-env.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { capabilityKey } from "../../platform/capabilities/mint.ts";
import { CapabilityError, verifyCapability } from "../../shared/capability/tokens.ts";
import type { Capability, CapabilityPurpose } from "../../shared/capability/claims.ts";

function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

function bearer(c: Context<InternalEnv>): string {
  const header = c.req.header("authorization") ?? "";
  return header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
}

/**
 * A capability the Worker signed, for one of `purposes`: as a bearer token, or as `x-api-key` (what
 * the Anthropic SDK sends when the capability is its apiKey). Never a cookie, never a shared secret.
 */
export const requireCapability = (...purposes: CapabilityPurpose[]) =>
  createMiddleware<InternalEnv>(async (c, next) => {
    const token = bearer(c) || (c.req.header("x-api-key") ?? "").trim();
    if (!token) throw new ApiError("identity_required", "A capability is required (Authorization: Bearer, or x-api-key).");
    try {
      c.set("capability", await verifyCapability(capabilityKey(c.env), token, purposes));
    } catch (error) {
      if (error instanceof CapabilityError) throw new ApiError("identity_required", error.message);
      throw error;
    }
    await next();
  });

/** The relay's own credential: it allows POST /api/internal/data-changes and nothing else. */
export const requireRelayToken = createMiddleware<InternalEnv>(async (c, next) => {
  const expected = c.env.SECOND_RELAY_TOKEN;
  if (!expected) throw new ApiError("identity_required", "The change relay endpoint is disabled: SECOND_RELAY_TOKEN is not configured.");
  const token = bearer(c);
  if (!token || !constantTimeEqual(token, expected)) throw new ApiError("identity_required", "A valid relay token is required.");
  await next();
});

/** A body naming another workspace or app than the capability's is answered as if it did not exist. */
export function assertBound(capability: Capability, target: { workspaceId: string; appId: string }, what = "app"): void {
  if (capability.wid !== target.workspaceId || capability.app !== target.appId) throw notFound(what);
}
