import assert from "node:assert/strict";
import path from "node:path";
import type { Page } from "playwright-core";
import { artifacts } from "./platform.ts";
import { buildFixtureApp } from "./fixture-app.ts";
import { ok, pageApi, saveDraftSnapshot } from "./api.ts";
import type { RunningPlatform } from "../../../scripts/platform.mjs";

export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Saves `<name>-<width>.png` into test/.artifacts. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}-${page.viewportSize()?.width ?? 0}.png`) });
}

/** Nothing on the page is wider than the viewport (no sideways scrolling of the whole page). */
export async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width + 1, `${what}: the page is ${scroll}px wide in a ${width}px viewport`);
}

/** An app with the fixture lead tracker as its draft build, the way the runner saves one. */
export async function appWithBuiltDraft(platform: RunningPlatform, page: Page, workspaceId: string, name: string): Promise<string> {
  const created = await ok(pageApi(platform.url, page).workspaces[":wId"].apps.$post({ param: { wId: workspaceId }, json: { name, description: "Tracks leads" } }));
  const appId = created.app.id;
  await saveDraftSnapshot(platform, workspaceId, appId, await fixtureFiles());
  return appId;
}

let fixture: Promise<Record<string, string>> | null = null;
const fixtureFiles = () => {
  fixture ??= buildFixtureApp("lead-tracker.tsx");
  return fixture;
};
