declare namespace Cloudflare {
  interface Env {
    /** Set from MONGODB_URI by test/worker/vitest.config.ts; runs the contract suite against MongoDB. */
    TEST_MONGODB_URI?: string;
  }
}
