/** PKCE (RFC 7636) and the random values of an OAuth flow, base64url without padding. */
export const base64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** 32 random bytes: 43 characters, within the verifier's allowed 43 to 128. */
export const randomToken = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** The S256 code challenge of a verifier. */
export async function s256(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}
