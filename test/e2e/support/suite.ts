import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { startTestPlatform } from "./platform.ts";
import type { RunningPlatform } from "../../../scripts/platform.mjs";

/** A fresh platform (with extra Worker variables) and a browser for one describe block, torn down after it. */
export function platformAndBrowser(env: Record<string, string> = {}): { readonly platform: RunningPlatform; readonly browser: Browser } {
  let platform: RunningPlatform | null = null;
  let browser: Browser | null = null;
  before(async () => {
    [platform, browser] = await Promise.all([startTestPlatform(env), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });
  return {
    get platform() {
      if (!platform) throw new Error("the platform did not start");
      return platform;
    },
    get browser() {
      if (!browser) throw new Error("the browser did not start");
      return browser;
    },
  };
}
