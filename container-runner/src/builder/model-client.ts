import Anthropic from "@anthropic-ai/sdk";
import { RunnerError } from "../http/errors.ts";

/**
 * The Anthropic client of one builder turn: it talks to the platform's model pass-through with the
 * turn's capability as its API key. The platform adds the real key (or answers with the offline
 * demo model); the runner never holds one.
 */
export function modelClientFor(platformUrl: string | undefined, capability: string): Anthropic {
  if (!platformUrl) throw new RunnerError("misconfigured", "PLATFORM_URL is not set: the runner cannot reach the platform's model pass-through.");
  return new Anthropic({ apiKey: capability, baseURL: `${platformUrl.replace(/\/+$/, "")}/api/internal/model` });
}
