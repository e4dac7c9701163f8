import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTogether } from "./support/suite.ts";
import { launchBrowser } from "./support/browser.ts";

/** A stand-in for the platform that records whether it was stopped. */
function fakePlatform() {
  const state = { stopped: false };
  const stop = async (p: typeof state) => {
    p.stopped = true;
  };
  return { state, start: async () => state, stop };
}

describe("suite start-up", { timeout: 120_000 }, () => {
  it("fails when Chromium cannot start, and stops the platform that did", async () => {
    const platform = fakePlatform();
    // /bin/false exists and exits at once: a browser that cannot start.
    await assert.rejects(
      startTogether(platform.start, () => launchBrowser("/bin/false"), { platform: platform.stop, browser: (b) => b.close() }),
      /Failed to launch|exited|closed/i,
    );
    assert.equal(platform.state.stopped, true);
  });

  it("closes the browser when the platform fails to start", async () => {
    const browser = { closed: false };
    await assert.rejects(
      startTogether(
        async () => {
          throw new Error("port in use");
        },
        async () => browser,
        {
          platform: async () => undefined,
          browser: async (b) => {
            b.closed = true;
          },
        },
      ),
      /port in use/,
    );
    assert.equal(browser.closed, true);
  });
});
