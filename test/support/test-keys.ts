import { generateKeyPairSync } from "node:crypto";
import { publicJwkOf } from "../../shared/capability/tokens.ts";

/** A fresh capability key pair (EC P-256 JWKs as JSON), as scripts/platform.mjs makes one. */
export function testKeyPair(): { privateKey: string; publicKey: string } {
  const privateKey = JSON.stringify(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" }));
  return { privateKey, publicKey: publicJwkOf(privateKey) };
}
