import { parseAddress } from "./ip-address.ts";
import { ToolRefusal } from "./tool-refusal.ts";

/**
 * The URL rules of a tool call, checked on the filled URL and again on every redirect: https on
 * the default port only (or the one development origin), no user name or password, a host that
 * is a name (never an IP literal in any spelling) equal to the grant's domain or one of its
 * subdomains.
 */
export interface UrlPolicy {
  /** The grant's domain (lowercase DNS name). */
  domain: string;
  /** SECOND_DEV_TOOL_ORIGIN when allowed (development only), else null. */
  devOrigin: string | null;
}

export type CheckedUrl = { url: URL; kind: "public" } | { url: URL; kind: "dev-origin" };

export function hostMatchesDomain(host: string, domain: string): boolean {
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  return name === domain || name.endsWith(`.${domain}`);
}

export function checkUrl(raw: string, policy: UrlPolicy): CheckedUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ToolRefusal("invalid-url", "the filled URL is not a valid absolute URL.");
  }
  if (url.username || url.password) throw new ToolRefusal("userinfo", "URLs with a user name or password are not called.");
  if (policy.devOrigin && url.origin === policy.devOrigin) return { url, kind: "dev-origin" };
  if (url.protocol !== "https:") throw new ToolRefusal("https-only", `only https URLs are called, not ${url.protocol.replace(":", "")}.`);
  if (url.port !== "") throw new ToolRefusal("port", `only the default https port is called, not ${url.port}.`);
  // The URL parser has already turned 0x7f.1, 2130706433 and friends into 127.0.0.1.
  const host = url.hostname;
  if (host.startsWith("[") || parseAddress(host)) throw new ToolRefusal("ip-literal", `the host is an IP address (${host}); tools call their grant's domain by name.`);
  if (!hostMatchesDomain(host, policy.domain)) throw new ToolRefusal("host-not-granted", `${host} is not ${policy.domain} or one of its subdomains.`);
  return { url, kind: "public" };
}
