import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { type PlatformOutput, startTestPlatform } from "./platform.ts";
import type { RunningPlatform } from "../../../scripts/platform.mjs";

interface Started<P, B> {
  platform: P;
  browser: B;
}

/**
 * Starts the platform and the browser side by side. If either fails, whatever did start is stopped
 * before the first error is rethrown, so a browser that cannot start never leaves the platform's
 * processes running (which kept the test process alive forever).
 */
export async function startTogether<P, B>(
  startPlatform: () => Promise<P>,
  startBrowser: () => Promise<B>,
  stop: { platform: (p: P) => Promise<void>; browser: (b: B) => Promise<void> },
): Promise<Started<P, B>> {
  const [platform, browser] = await Promise.allSettled([startPlatform(), startBrowser()]);
  if (platform.status === "fulfilled" && browser.status === "fulfilled") return { platform: platform.value, browser: browser.value };
  await Promise.allSettled([
    platform.status === "fulfilled" ? stop.platform(platform.value) : Promise.resolve(),
    browser.status === "fulfilled" ? stop.browser(browser.value) : Promise.resolve(),
  ]);
  throw platform.status === "rejected" ? platform.reason : (browser as PromiseRejectedResult).reason;
}

/** A fresh platform (with extra Worker variables; `output` sees every line it logs) and a browser for one describe block, torn down after it. */
export function platformAndBrowser(env: Record<string, string> = {}, output?: PlatformOutput): { readonly platform: RunningPlatform; readonly browser: Browser } {
  let started: Started<RunningPlatform, Browser> | null = null;
  before(async () => {
    started = await startTogether(() => startTestPlatform(env, output), launchBrowser, { platform: (p) => p.stop(), browser: (b) => b.close() });
  });
  after(async () => {
    if (!started) return;
    const { platform, browser } = started;
    // Both, even when one of them fails to stop.
    const results = await Promise.allSettled([browser.close(), platform.stop()]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  });
  return {
    get platform() {
      if (!started) throw new Error("the platform did not start");
      return started.platform;
    },
    get browser() {
      if (!started) throw new Error("the browser did not start");
      return started.browser;
    },
  };
}
