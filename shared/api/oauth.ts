import { z } from "zod";

/** A provider's key in a workspace and in URLs: `google`, `acme-crm`. */
export const providerKeySchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Use 1 to 40 lowercase letters, digits or dashes, starting with a letter or digit.");

/** The API host the provider's tokens are for, as tool grants name it: a DNS name such as api.example.com (no scheme, port or path). */
export const apiDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "Give a host name such as api.example.com, without https://, a port or a path.");

/** An OAuth scope token (RFC 6749 §3.3): printable ASCII without space, `"` or `\`. */
const scopeSchema = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/, "A scope is one word without spaces or quotes.");

/** PUT /api/workspaces/:wId/oauth-providers/:provider: the client secret is required when creating, kept when omitted later. */
export const oauthProviderBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(80),
    authorizeUrl: z.string().trim().max(2000).url(),
    tokenUrl: z.string().trim().max(2000).url(),
    clientId: z.string().trim().min(1).max(500),
    clientSecret: z.string().min(1).max(2000).optional(),
    scopes: z.array(scopeSchema).max(50).default([]),
    domain: apiDomainSchema,
  })
  .strict();
export type OAuthProviderBody = z.infer<typeof oauthProviderBodySchema>;

/** A provider config as answered: never the client secret, only whether one is stored. */
export const oauthProviderSchema = z.object({
  provider: providerKeySchema,
  displayName: z.string(),
  authorizeUrl: z.string(),
  tokenUrl: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  scopes: z.array(z.string()),
  domain: z.string(),
  /** What to register as the redirect URI at the provider. */
  redirectUri: z.string(),
  connectedAccounts: z.number().int(),
  updatedAt: z.string(),
});
export type OAuthProvider = z.infer<typeof oauthProviderSchema>;

/** GET /api/oauth/:provider/start */
export const oauthStartQuerySchema = z.object({
  workspace: z.string().min(1).max(64),
  /** A path of this platform to come back to (`/w/…`); anything else falls back to the connections page. */
  returnTo: z.string().max(500).optional(),
});

/** GET /api/oauth/callback: what the provider sends back (RFC 6749 §4.1.2). */
export const oauthCallbackQuerySchema = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
});

/** Why a connection attempt came back without a connection; the callback redirects with `?oauthError=`. */
export const oauthFailureSchema = z.enum(["state_invalid", "access_denied", "exchange_failed", "provider_removed"]);
export type OAuthFailure = z.infer<typeof oauthFailureSchema>;

/** One of the caller's connected accounts (never a token). */
export const connectionSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  provider: z.string(),
  displayName: z.string(),
  domain: z.string(),
  scopes: z.array(z.string()),
  /** `reconnect` when the provider refused to refresh the token: connect again. */
  status: z.enum(["connected", "reconnect"]),
  connectedAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** GET /api/me/connections?workspace=: the caller's accounts there, and the providers they may still connect. */
export const connectionsQuerySchema = z.object({ workspace: z.string().min(1).max(64) });
export const connectionsAnswerSchema = z.object({
  connections: z.array(connectionSchema),
  available: z.array(z.object({ provider: z.string(), displayName: z.string(), domain: z.string() })),
});
export type ConnectionsAnswer = z.infer<typeof connectionsAnswerSchema>;

/** What a token endpoint answers (RFC 6749 §5.1); anything else is a failed exchange. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1).max(8000),
  token_type: z.string().max(50).optional(),
  expires_in: z.coerce
    .number()
    .int()
    .positive()
    .max(10 * 365 * 24 * 3600)
    .optional(),
  refresh_token: z.string().min(1).max(8000).optional(),
  scope: z.string().max(4000).optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
