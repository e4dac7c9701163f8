// Types `env` and `exports` from "cloudflare:workers" for this project: the Worker's bindings and
// variables (wrangler.toml, .dev.vars, secrets). platform/env.ts re-exports them as `Env`.
declare namespace Cloudflare {
  interface Env {
    ASSETS: Fetcher;
    STORE_GATEWAY: DurableObjectNamespace<import("../durable-objects/store-gateway/store-gateway.ts").StoreGateway>;
    RUN_STREAM: DurableObjectNamespace<import("../durable-objects/run-stream.ts").RunStream>;
    CHANNEL: DurableObjectNamespace<import("../durable-objects/channel.ts").Channel>;
    AGENT_RUNNER: DurableObjectNamespace<import("../durable-objects/agent-runner.ts").AgentRunner>;
    CHANGE_RELAY: DurableObjectNamespace<import("../durable-objects/change-relay.ts").ChangeRelay>;
    RATE_LIMITER: DurableObjectNamespace<import("../durable-objects/rate-limiter.ts").RateLimiter>;
    AGENT_RUN_STREAM: DurableObjectNamespace<import("../durable-objects/agent-run-stream.ts").AgentRunStream>;
    AGENT_SCHEDULER: DurableObjectNamespace<import("../durable-objects/agent-scheduler.ts").AgentScheduler>;

    SECOND_AUTH_MODE?: string;
    SECOND_NO_AUTH_SESSION_SECRET?: string;
    /** external mode: the identity proxy's issuer, audience and keys (JWKS URL, or inline JSON for tests). */
    SECOND_AUTH_ISSUER?: string;
    SECOND_AUTH_AUDIENCE?: string;
    SECOND_AUTH_JWKS_URL?: string;
    SECOND_AUTH_JWKS?: string;
    /** "1": the provider only issues verified emails (Cloudflare Access), so a missing `email_verified` means verified. */
    SECOND_AUTH_EMAILS_VERIFIED?: string;
    MAX_BODY_BYTES?: string;
    /** Log threshold: debug, info (default), warn, error or silent. */
    LOG_LEVEL?: string;
    /** Comma-separated host names (optionally host:port) the platform answers to besides loopback. */
    SECOND_PUBLIC_HOSTS?: string;
    /** Heartbeat comment interval of SSE subscriptions (default 30 000 ms). */
    CHANNEL_HEARTBEAT_MS?: string;
    /** When set, the store is MongoDB; otherwise the embedded SQLite store. */
    MONGODB_URI?: string;
    MONGODB_DB?: string;
    /** Local runner process; when unset the AGENT_RUNNER container is used. */
    RUNNER_URL?: string;
    /** Private EC P-256 JWK that signs capabilities (runs, runner calls); never leaves the Worker. */
    SECOND_CAPABILITY_KEY?: string;
    /** The ChangeRelay's own credential: it allows POST /api/internal/data-changes only. */
    SECOND_RELAY_TOKEN?: string;
    /** The platform's public URL, where the ChangeRelay container posts change batches. */
    PLATFORM_URL?: string;
    ANTHROPIC_API_KEY?: string;
    /** The builder model when neither the chat nor the app names one. */
    SECOND_BUILDER_MODEL?: string;
    ANTHROPIC_BASE_URL?: string;
    SECOND_VERSION?: string;
    /** "off" turns every rate limit off; each limit also has its own SECOND_RATE_LIMIT_* variable (worker/rate-limit/limits.ts). */
    SECOND_RATE_LIMITS?: string;
    SECOND_RATE_LIMIT_DATA_WRITES_PER_APP?: string;
    SECOND_RATE_LIMIT_DATA_WRITES_PER_USER?: string;
    SECOND_RATE_LIMIT_DATA_WRITES_PER_WORKSPACE?: string;
    SECOND_RATE_LIMIT_BUILDER_TURNS_PER_USER?: string;
    SECOND_RATE_LIMIT_BUILDER_TURNS_PER_WORKSPACE?: string;
    SECOND_RATE_LIMIT_AGENT_RUNS_PER_USER?: string;
    SECOND_RATE_LIMIT_AGENT_RUNS_PER_WORKSPACE?: string;
    SECOND_RATE_LIMIT_INVITATIONS_PER_USER?: string;
    SECOND_RATE_LIMIT_INVITATIONS_PER_WORKSPACE?: string;
    SECOND_RATE_LIMIT_ANALYTICS_PER_USER?: string;
    SECOND_RATE_LIMIT_WRITES_PER_USER?: string;
    SECOND_RATE_LIMIT_ANONYMOUS_WRITES_PER_CLIENT?: string;
    /** Product analytics: PostHog project token and host; either flag turns them off. */
    SECOND_POSTHOG_TOKEN?: string;
    SECOND_POSTHOG_HOST?: string;
    SECOND_POSTHOG_DISABLED?: string;
    SECOND_TELEMETRY_DISABLED?: string;
    /** Set by the `npx` launcher (bin/second.mjs): its version and package, for analytics. */
    SECOND_CLI_LAUNCHER_VERSION?: string;
    SECOND_CLI_LAUNCHER_PACKAGE?: string;
    /** "production" (wrangler.toml) or "development" (npm start, tests): production refuses dev-only settings. */
    SECOND_ENV?: string;
    /** 32 random bytes (base64): the AES-GCM key that seals integration secrets and OAuth tokens at rest. */
    SECOND_TOKEN_ENCRYPTION_KEY?: string;
    /** Development only: one exact http://127.0.0.1:PORT origin that integration tools may call without https. */
    SECOND_DEV_TOOL_ORIGIN?: string;
  }
  interface GlobalProps {
    mainModule: typeof import("./index.ts");
    durableNamespaces: "StoreGateway" | "RunStream" | "Channel" | "AgentRunner" | "ChangeRelay" | "RateLimiter" | "AgentRunStream" | "AgentScheduler";
  }
}
