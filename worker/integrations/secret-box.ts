import type { Env } from "../../platform/env.ts";
import { ApiError } from "../../platform/api-error.ts";
import { sha256Hex } from "../../shared/canonical-json.ts";

/**
 * Secret values at rest (integration credentials, OAuth tokens): AES-256-GCM through WebCrypto,
 * with the key from SECOND_TOKEN_ENCRYPTION_KEY (32 random bytes, base64). A sealed value is
 * `v1.<key id>.<iv>.<ciphertext>` (base64url); the key id says which key sealed it, so a value
 * sealed with another key fails with that reason instead of a bare decryption error. `context`
 * (additional authenticated data) binds a value to where it is stored: the same ciphertext copied
 * to another record does not open.
 */

const VERSION = "v1";
const keys = new Map<string, Promise<{ key: CryptoKey; id: string }>>();

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

function fromBase64(text: string): Uint8Array | null {
  const normal = text.trim().replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normal)) return null;
  try {
    const padded = normal + "=".repeat((4 - (normal.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Why a configured key is unusable, or null when it is 32 bytes of base64 (checked at startup). */
export function encryptionKeyProblem(text: string): string | null {
  const raw = fromBase64(text);
  if (raw?.length !== 32) return "SECOND_TOKEN_ENCRYPTION_KEY must be 32 random bytes in base64 (for example `openssl rand -base64 32`).";
  return null;
}

function encryptionKey(env: Env): Promise<{ key: CryptoKey; id: string }> {
  const text = env.SECOND_TOKEN_ENCRYPTION_KEY;
  if (!text) throw new ApiError("misconfigured", "SECOND_TOKEN_ENCRYPTION_KEY is not configured: secrets cannot be stored or read.");
  let entry = keys.get(text);
  if (!entry) {
    const problem = encryptionKeyProblem(text);
    if (problem) throw new ApiError("misconfigured", problem);
    const raw = fromBase64(text) as Uint8Array<ArrayBuffer>;
    entry = Promise.all([crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]), sha256Hex(`second-secret-box:${text.trim()}`)]).then(([key, digest]) => ({
      key,
      id: digest.slice(0, 8),
    }));
    keys.set(text, entry);
  }
  return entry;
}

/** A sealed value that cannot be opened: wrong key, tampered, or moved to another record. */
export class SealedSecretError extends Error {
  override name = "SealedSecretError";
}

export async function sealSecret(env: Env, plaintext: string, context = ""): Promise<string> {
  const { key, id } = await encryptionKey(env);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(context) }, key, new TextEncoder().encode(plaintext));
  return `${VERSION}.${id}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

export async function openSecret(env: Env, sealed: string, context = ""): Promise<string> {
  const { key, id } = await encryptionKey(env);
  const [version, keyId, ivText, dataText, extra] = sealed.split(".");
  const iv = ivText ? fromBase64(ivText) : null;
  const data = dataText ? fromBase64(dataText) : null;
  if (version !== VERSION || !keyId || !iv || !data || extra !== undefined) throw new SealedSecretError("The stored secret is not in a known format.");
  if (keyId !== id) throw new SealedSecretError("The stored secret was sealed with another SECOND_TOKEN_ENCRYPTION_KEY; set it again.");
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: iv as Uint8Array<ArrayBuffer>, additionalData: new TextEncoder().encode(context) },
      key,
      data as Uint8Array<ArrayBuffer>,
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw new SealedSecretError("The stored secret does not open with this key and record (tampered or moved); set it again.");
  }
}
