import { createMiddleware } from "hono/factory";
import type { Env } from "../../platform/env.ts";
import type { AppEnv } from "./app-types.ts";
import { ApiError } from "../../platform/api-error.ts";
import { authMode } from "../auth/auth-mode.ts";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Host names (with an optional port) the platform answers to, from SECOND_PUBLIC_HOSTS and PLATFORM_URL. */
export function configuredHosts(env: Env): string[] {
  const hosts = (env.SECOND_PUBLIC_HOSTS ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  if (env.PLATFORM_URL && URL.canParse(env.PLATFORM_URL)) hosts.push(new URL(env.PLATFORM_URL).host.toLowerCase());
  return hosts;
}

export function isAllowedHost(env: Env, url: URL): boolean {
  const configured = configuredHosts(env);
  // external mode behind an identity proxy: Cloudflare routes by host and the token binds the
  // audience, so only a configured list is enforced there.
  if (authMode(env) === "external" && configured.length === 0) return true;
  if (LOOPBACK.has(url.hostname)) return true;
  return configured.some((h) => (h.includes(":") && !h.startsWith("[") ? h === url.host : h === url.hostname));
}

/**
 * DNS rebinding: a page on attacker.example whose name now resolves to 127.0.0.1 talks to a local
 * platform as "same origin". Its requests still name the attacker's host, so only the hosts the
 * platform is meant to be reached at are served (loopback, and SECOND_PUBLIC_HOSTS / PLATFORM_URL).
 */
export const allowedHost = createMiddleware<AppEnv>(async (c, next) => {
  if (!isAllowedHost(c.env, new URL(c.req.url))) {
    throw new ApiError("host_not_allowed", "This platform does not answer to this host name. An operator can add it to SECOND_PUBLIC_HOSTS.");
  }
  await next();
});
