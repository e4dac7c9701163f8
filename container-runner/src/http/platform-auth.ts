import { createMiddleware } from "hono/factory";
import { CapabilityError, verifyCapability } from "../../../shared/capability/tokens.ts";
import type { Capability } from "../../../shared/capability/claims.ts";
import { RunnerError } from "./errors.ts";

export type RunnerEnv = { Variables: { call: Capability } };

/**
 * The runner answers only the platform: every call carries a runner-call capability the Worker
 * signed, verified here with the public key (the runner cannot mint one). A call about an app must
 * name that app in its path.
 */
export const requirePlatformCall = (publicKey: string | undefined) =>
  createMiddleware<RunnerEnv>(async (c, next) => {
    if (!publicKey) throw new RunnerError("misconfigured", "SECOND_CAPABILITY_PUBLIC_KEY is not set: the runner cannot tell the platform's calls from others.");
    const header = c.req.header("authorization") ?? "";
    const token = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
    if (!token) throw new RunnerError("identity_required", "The runner only answers the platform: a runner-call capability is required.");
    try {
      c.set("call", await verifyCapability(publicKey, token, ["runner-call"]));
    } catch (error) {
      if (error instanceof CapabilityError) throw new RunnerError("identity_required", error.message);
      throw error;
    }
    await next();
  });

/** The path's app must be the one the platform's call is about. */
export function assertCallFor(call: Capability, appId: string): void {
  if (call.app !== appId) throw new RunnerError("forbidden", "This call was signed for another app.");
}
