import { SignJWT, errors, importJWK, jwtVerify, type CryptoKey, type JWK } from "jose";
import { CAPABILITY_ISSUER, audienceOf, capabilityClaimsSchema, type Capability, type CapabilityClaims, type CapabilityPurpose } from "./claims.ts";

const ALG = "ES256";
const imported = new Map<string, Promise<CryptoKey>>();

/** Thrown for any token that is not a valid, unexpired capability for the asked purpose. */
export class CapabilityError extends Error {
  override name = "CapabilityError";
}

function parseJwk(text: string, needPrivate: boolean): JWK {
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new CapabilityError("The capability key is not JSON (an EC P-256 JWK is expected).");
  }
  if (typeof jwk !== "object" || jwk === null || !("kty" in jwk) || jwk.kty !== "EC" || !("crv" in jwk) || jwk.crv !== "P-256") {
    throw new CapabilityError("The capability key must be an EC P-256 JWK.");
  }
  if (needPrivate && !("d" in jwk)) throw new CapabilityError("The capability signing key must be a private JWK (with d).");
  return jwk as JWK;
}

function keyFrom(text: string, needPrivate: boolean): Promise<CryptoKey> {
  const cacheKey = `${needPrivate ? "private" : "public"}:${text}`;
  let key = imported.get(cacheKey);
  if (!key) {
    const jwk = parseJwk(text, needPrivate);
    const { d, ...publicPart } = jwk;
    key = importJWK(needPrivate ? { ...publicPart, d } : publicPart, ALG) as Promise<CryptoKey>;
    imported.set(cacheKey, key);
  }
  return key;
}

/** The public half of a private JWK, as JSON: what the runner is given. */
export function publicJwkOf(privateJwkText: string): string {
  const { kty, crv, x, y } = parseJwk(privateJwkText, true);
  return JSON.stringify({ kty, crv, x, y });
}

/** Signs a capability for `ttlSeconds`. Only the Worker holds the private key. */
export async function signCapability(privateJwkText: string, claims: CapabilityClaims, ttlSeconds: number, jti: string = crypto.randomUUID()): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: ALG, typ: "second-capability+jwt" })
    .setIssuer(CAPABILITY_ISSUER)
    .setAudience(audienceOf(claims.purpose))
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .setJti(jti)
    .sign(await keyFrom(privateJwkText, true));
}

/**
 * Verifies a capability with the public key (or the private JWK: its public half is used) and
 * checks that it serves one of `purposes`. Never trusts the token's own header for the algorithm.
 */
export async function verifyCapability(jwkText: string, token: string, purposes: CapabilityPurpose[]): Promise<Capability> {
  const audience = [...new Set(purposes.map(audienceOf))];
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, await keyFrom(jwkText, false), { issuer: CAPABILITY_ISSUER, audience, algorithms: [ALG], requiredClaims: ["exp", "jti"] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new CapabilityError("The capability has expired.");
    if (error instanceof errors.JOSEError) throw new CapabilityError(`The capability is not valid (${error.code}).`);
    throw error;
  }
  const claims = capabilityClaimsSchema.safeParse(payload);
  if (!claims.success) throw new CapabilityError("The capability's claims are malformed.");
  if (!purposes.includes(claims.data.purpose)) throw new CapabilityError(`This capability (${claims.data.purpose}) does not allow this call.`);
  return { ...claims.data, jti: String(payload.jti) };
}
