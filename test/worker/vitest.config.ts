import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root,
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: `${root}/wrangler.toml` },
      miniflare: {
        bindings: {
          SECOND_CAPABILITY_KEY: inject("capabilityKey"),
          SECOND_RELAY_TOKEN: "test-relay-token",
          SECOND_ENV: "development",
          // 32 bytes of base64: the key integration secrets are sealed with in tests.
          SECOND_TOKEN_ENCRYPTION_KEY: "dGVzdC10b2tlbi1lbmNyeXB0aW9uLWtleS0zMi1ieXQ=",
          SECOND_NO_AUTH_SESSION_SECRET: "test-session-secret-of-at-least-32-chars",
          // The real runner and demo model, started by global-setup.ts.
          RUNNER_URL: inject("runnerUrl"),
          MAX_BODY_BYTES: "1048576",
          // Quiet unless asked: `LOG_LEVEL=info npx vitest …` shows the access log again.
          LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
          // The tests call the Worker as http://example.com (test/worker/support/person.ts).
          SECOND_PUBLIC_HOSTS: "example.com",
          CHANNEL_HEARTBEAT_MS: "200",
          // Analytics go to a PostHog stand-in in global-setup.ts.
          SECOND_POSTHOG_TOKEN: "phc_test_token",
          SECOND_POSTHOG_HOST: `${inject("runnerUrl")}/__posthog`,
          ...(process.env.MONGODB_URI ? { TEST_MONGODB_URI: process.env.MONGODB_URI } : {}),
        },
      },
    })),
  ],
  resolve: {
    // See scripts/bundle-mongodb.mjs.
    alias: { mongodb: `${root}/.vendor/mongodb.mjs` },
  },
  test: {
    include: ["test/worker/**/*.test.ts"],
    globalSetup: ["test/worker/global-setup.ts"],
    // The first test of a file also pays for workerd start-up, which takes long on a loaded machine.
    testTimeout: 60_000,
    // What a test printed is shown only when it failed.
    silent: "passed-only",
  },
});
