import type { Page } from "playwright-core";

/** Signs in through the onboarding form, as a person would. */
export async function signIn(page: Page, baseUrl: string, name: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/onboarding\/identity/);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

export async function createWorkspace(page: Page, name: string): Promise<string> {
  await page.waitForURL(/\/onboarding\/workspace/);
  await page.getByLabel("Workspace name").fill(name);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(/\/w\/ws_[^/]+$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}
