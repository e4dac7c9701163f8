import type { Env } from "../env.ts";
import { ApiError } from "../http/api-error.ts";

/**
 * Secrets at rest (client secrets, tokens, API keys): AES-GCM with a 256-bit key from
 * SECOND_TOKEN_ENCRYPTION_KEY (base64 or base64url of 32 bytes) and a random 12-byte IV per value.
 * A sealed value is `v1.<iv>.<ciphertext+tag>` (base64url), so the format can change later.
 */
const VERSION = "v1";

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

function fromBase64(text: string): Uint8Array | null {
  const standard = text.trim().replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return null;
  try {
    return Uint8Array.from(atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, "=")), (ch) => ch.charCodeAt(0));
  } catch {
    return null; // atob's only failure: not base64, which the caller reports as such
  }
}

const keys = new Map<string, Promise<CryptoKey>>();

function encryptionKey(env: Env): Promise<CryptoKey> {
  const configured = env.SECOND_TOKEN_ENCRYPTION_KEY;
  if (!configured) throw new ApiError("misconfigured", "Secrets cannot be stored: SECOND_TOKEN_ENCRYPTION_KEY is not set.");
  let key = keys.get(configured);
  if (!key) {
    const raw = fromBase64(configured);
    if (raw?.length !== 32) throw new ApiError("misconfigured", "SECOND_TOKEN_ENCRYPTION_KEY must be 32 bytes, base64-encoded.");
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keys.set(configured, key);
  }
  return key;
}

export async function sealSecret(env: Env, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await encryptionKey(env), new TextEncoder().encode(plaintext));
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
}

/** Throws when the value was not sealed by this key (wrong key, tampered or truncated). */
export async function openSecret(env: Env, sealed: string): Promise<string> {
  const [version, ivText, dataText, ...rest] = sealed.split(".");
  const iv = ivText ? fromBase64(ivText) : null;
  const data = dataText ? fromBase64(dataText) : null;
  if (version !== VERSION || rest.length > 0 || iv?.length !== 12 || !data) throw new Error("A stored secret is not in a format this version can read.");
  const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, await encryptionKey(env), data);
  return new TextDecoder().decode(plaintext);
}
