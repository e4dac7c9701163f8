import { ToolRefusal } from "./tool-refusal.ts";

/**
 * Request headers a tool may send: a short list of ordinary ones plus vendor `x-` headers, never
 * anything that steers the connection, a proxy or the platform's own identity.
 */
const ALLOWED = new Set([
  "accept",
  "accept-language",
  "authorization",
  "cache-control",
  "content-language",
  "content-type",
  "if-match",
  "if-none-match",
  "idempotency-key",
  "user-agent",
]);
const X_HEADER = /^x-[a-z0-9][a-z0-9-]{0,62}$/;
const X_REFUSED = /^x-(?:forwarded|real-ip|original|rewrite|http-method|host|client-ip|envoy|amz-security)/;

export function checkHeaders(headers: Record<string, string>): Headers {
  const out = new Headers();
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (!(ALLOWED.has(name) || (X_HEADER.test(name) && !X_REFUSED.test(name)))) {
      throw new ToolRefusal("header-not-allowed", `the "${rawName}" header is not on the allow-list.`);
    }
    if (/[\r\n\0]/.test(value)) throw new ToolRefusal("header-injection", `the "${rawName}" header would carry a line break.`);
    out.set(name, value);
  }
  return out;
}
