import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import type { BrowserContext } from "playwright-core";

const ISSUER = "https://identity.e2e.test";
const AUDIENCE = "second-e2e";

/**
 * An identity proxy stand-in for `external` mode: the test's own signing key, its JWKS handed to the
 * platform inline, and signed identities set on a browser context the way Cloudflare Access sets
 * the `cf-access-jwt-assertion` header on every request (pages, frames and fetches alike).
 */
export class TestIdentityProvider {
  private readonly key: KeyObject;
  readonly platformEnv: Record<string, string>;

  constructor() {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.key = pair.privateKey;
    const jwk = { ...pair.publicKey.export({ format: "jwk" }), kid: "e2e", alg: "RS256", use: "sig" };
    this.platformEnv = {
      SECOND_AUTH_MODE: "external",
      SECOND_AUTH_ISSUER: ISSUER,
      SECOND_AUTH_AUDIENCE: AUDIENCE,
      SECOND_AUTH_JWKS: JSON.stringify({ keys: [jwk] }),
    };
  }

  sign(subject: string, email: string, name: string): Promise<string> {
    return new SignJWT({ email, name, email_verified: true })
      .setProtectedHeader({ alg: "RS256", kid: "e2e" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime("2h")
      .sign(this.key);
  }

  async signInContext(context: BrowserContext, subject: string, email: string, name: string): Promise<void> {
    await context.setExtraHTTPHeaders({ "cf-access-jwt-assertion": await this.sign(subject, email, name) });
  }
}
