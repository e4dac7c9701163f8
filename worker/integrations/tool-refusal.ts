import { ApiError } from "../../platform/api-error.ts";
import type { ToolRule } from "../../shared/integrations/tool-call.ts";

/** A tool call refused before anything left the platform: 403 `tool_refused`, naming the rule. */
export class ToolRefusal extends ApiError {
  constructor(
    readonly rule: ToolRule,
    detail: string,
  ) {
    super("tool_refused", `Refused by the "${rule}" rule: ${detail}`);
  }
}

/** The upstream was reached (or tried) and failed: 502 `tool_failed`. */
export class ToolFailure extends ApiError {
  constructor(
    readonly reason: "timeout" | "too-large" | "network",
    detail: string,
  ) {
    super("tool_failed", detail);
  }
}
