import type { Env } from "../../platform/env.ts";
import { devToolOrigin } from "../integrations/dev-tool-origin.ts";

/**
 * Where the platform may send a person (authorize URL) or itself (token URL) for an admin-entered
 * provider: https to a public host name, on the default port, without credentials in the URL. IP
 * literals in any spelling (the URL parser turns decimal, octal and hex forms into dotted ones) and
 * names that only resolve inside a network are refused. Development only: the one exact
 * SECOND_DEV_TOOL_ORIGIN (`http://127.0.0.1:PORT`) is allowed, for a local stand-in provider.
 */
export function providerUrlProblem(env: Env, raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL";
  }
  if (url.username || url.password) return "must not contain a user name or password";
  if (url.hash) return "must not contain a #fragment";
  const dev = devToolOrigin(env);
  if (dev && url.origin === dev) return null;
  if (url.protocol !== "https:") return "must use https";
  if (url.port && url.port !== "443") return "must use the default https port";
  return hostProblem(url.hostname);
}

/** The API domain a provider's tokens are for: a public host name (the schema already refused ports and schemes). */
export function apiDomainProblem(domain: string): string | null {
  return hostProblem(domain);
}

function hostProblem(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") || /^[\d.]+$/.test(host) || /^0x/i.test(host)) return "must name a host, not an IP address";
  if (!host.includes(".")) return "must be a fully qualified public host name";
  if (/(^|\.)(localhost|local|internal|intranet|lan|home|corp|localdomain|home\.arpa|in-addr\.arpa|ip6\.arpa)$/.test(host)) return "must be a public host name";
  return null;
}
