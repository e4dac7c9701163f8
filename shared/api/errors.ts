import { z } from "zod";

/** Every error code the HTTP surface answers with, and the status each one carries. */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  identity_required: 401,
  profile_required: 401,
  forbidden: 403,
  workspace_required: 403,
  /** The request names a host the platform is not configured to answer to (DNS rebinding). */
  host_not_allowed: 403,
  /** An integration tool call was refused before it left the platform; the message names the rule. */
  tool_refused: 403,
  not_found: 404,
  conflict: 409,
  auth_mode_unsupported: 409,
  last_owner: 409,
  duplicate: 409,
  /** external mode: the identity's email belongs to another account; nothing is linked. */
  identity_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  not_implemented: 501,
  /** An integration tool call left the platform but its upstream failed (unreachable, too slow, too large). */
  tool_failed: 502,
  upstream_unavailable: 503,
  misconfigured: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ErrorStatus = (typeof errorStatus)[ErrorCode];

export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    message: z.string(),
    fields: z.array(fieldIssueSchema).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
