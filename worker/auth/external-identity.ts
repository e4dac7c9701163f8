import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import type { Env } from "../../platform/env.ts";

export interface ExternalAuthConfig {
  issuer: string;
  audience: string;
  jwks: JWTVerifyGetKey;
  /** A token without `email_verified` counts as verified (the provider only issues verified emails). */
  emailsVerifiedByProvider: boolean;
}

/** Who the identity provider says is calling: issuer + subject identify the person, never the email. */
export interface ExternalIdentity {
  issuer: string;
  subject: string;
  email: string;
  /** `email_verified` from the token; see ExternalAuthConfig.emailsVerifiedByProvider when absent. */
  emailVerified: boolean;
  name: string | null;
}

/** Why a token was refused; becomes a 401 with this reason. */
export class ExternalTokenError extends Error {
  override readonly name = "ExternalTokenError";
}

const remoteSets = new Map<string, JWTVerifyGetKey>();

/** The settings `external` mode needs; a missing one is a configuration error, reported by name. */
export function externalAuthConfig(env: Env): ExternalAuthConfig {
  const missing: string[] = [];
  if (!env.SECOND_AUTH_ISSUER) missing.push("SECOND_AUTH_ISSUER");
  if (!env.SECOND_AUTH_AUDIENCE) missing.push("SECOND_AUTH_AUDIENCE");
  if (!env.SECOND_AUTH_JWKS_URL && !env.SECOND_AUTH_JWKS) missing.push("SECOND_AUTH_JWKS_URL (or an inline SECOND_AUTH_JWKS)");
  if (missing.length) {
    throw new Error(`SECOND_AUTH_MODE=external needs ${missing.join(", ")}. Set them, or use SECOND_AUTH_MODE=none for local use.`);
  }
  let jwks: JWTVerifyGetKey;
  if (env.SECOND_AUTH_JWKS) {
    jwks = createLocalJWKSet(JSON.parse(env.SECOND_AUTH_JWKS));
  } else {
    const url = env.SECOND_AUTH_JWKS_URL!;
    jwks = remoteSets.get(url) ?? createRemoteJWKSet(new URL(url));
    remoteSets.set(url, jwks);
  }
  return { issuer: env.SECOND_AUTH_ISSUER!, audience: env.SECOND_AUTH_AUDIENCE!, jwks, emailsVerifiedByProvider: env.SECOND_AUTH_EMAILS_VERIFIED === "1" };
}

/** The identity proxy's token: Cloudflare Access's header, else a bearer token. */
export function tokenFrom(request: Request): string | null {
  const access = request.headers.get("cf-access-jwt-assertion");
  if (access) return access;
  const auth = request.headers.get("authorization");
  return auth?.toLowerCase().startsWith("bearer ") ? auth.slice(7).trim() : null;
}

export async function verifyExternalToken(config: ExternalAuthConfig, token: string): Promise<ExternalIdentity> {
  try {
    const { payload } = await jwtVerify(token, config.jwks, { issuer: config.issuer, audience: config.audience });
    if (!payload.sub) throw new ExternalTokenError("The token has no subject.");
    const email = typeof payload.email === "string" ? payload.email : null;
    if (!email) throw new ExternalTokenError("The token has no email claim.");
    const name = typeof payload.name === "string" && payload.name.trim() ? payload.name.trim() : null;
    const claimed = payload.email_verified;
    const emailVerified = claimed === true || (claimed === undefined && config.emailsVerifiedByProvider);
    return { issuer: config.issuer, subject: payload.sub, email, emailVerified, name };
  } catch (error) {
    if (error instanceof ExternalTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new ExternalTokenError("The identity token has expired.");
    if (error instanceof errors.JWTClaimValidationFailed) throw new ExternalTokenError(`The identity token is not for this platform (${error.claim}).`);
    if (error instanceof errors.JOSEError) throw new ExternalTokenError("The identity token could not be verified.");
    throw error;
  }
}
