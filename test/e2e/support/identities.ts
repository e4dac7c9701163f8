import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import type { BrowserContext } from "playwright-core";

const ISSUER = "https://identity.e2e.test";
const AUDIENCE = "second-e2e";

/**
 * An identity proxy stand-in for `external` mode: the test's own signing key, its JWKS handed to the
 * platform inline, and signed identities set on a browser context the way Cloudflare Access sets
 * the `cf-access-jwt-assertion` header on every request.
 */
export class TestIdentityProvider {
  private constructor(
    private readonly key: CryptoKey,
    readonly platformEnv: Record<string, string>,
  ) {}

  static async create(): Promise<TestIdentityProvider> {
    const pair = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "e2e", alg: "RS256", use: "sig" };
    return new TestIdentityProvider(pair.privateKey, {
      SECOND_AUTH_MODE: "external",
      SECOND_AUTH_ISSUER: ISSUER,
      SECOND_AUTH_AUDIENCE: AUDIENCE,
      SECOND_AUTH_JWKS: JSON.stringify({ keys: [jwk] }),
    });
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

  /** Every request of the context (pages, frames, fetches) carries this person's identity. */
  async signInContext(context: BrowserContext, subject: string, email: string, name: string): Promise<string> {
    const jwt = await this.sign(subject, email, name);
    await context.setExtraHTTPHeaders({ "cf-access-jwt-assertion": jwt });
    return jwt;
  }
}
