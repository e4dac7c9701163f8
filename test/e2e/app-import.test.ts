import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Request } from "playwright-core";
import { platformAndBrowser } from "./support/suite.ts";
import { artifacts } from "./support/platform.ts";
import { createWorkspace, signIn } from "./support/people.ts";
import { captureBodySchema, type CaptureBody } from "../../shared/api/analytics.ts";

/** A small app folder as a person has it on disk: sources, plus things the import skips. */
function writeAppFolder(): { dir: string; imported: Record<string, string> } {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "second-import-")), "expense-tracker");
  const imported = {
    "index.html": '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
    "src/App.tsx": "export default function App() {\n  return <h1>Expenses</h1>;\n}\n",
    "src/main.tsx": 'import { createRoot } from "react-dom/client";\nimport App from "./App";\ncreateRoot(document.getElementById("root")!).render(<App />);\n',
  };
  const skipped = { "package.json": '{"dependencies":{"left-pad":"1.0.0"}}', "node_modules/left-pad/index.js": "module.exports = 1;" };
  for (const [file, content] of Object.entries({ ...imported, ...skipped })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  writeFileSync(path.join(dir, "src", "logo.ts"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01]));
  return { dir, imported };
}

describe("importing an existing app from a folder", () => {
  let posthog: Server;
  const workerEnv: Record<string, string> = { SECOND_POSTHOG_TOKEN: "phc_e2e" };
  // A PostHog stand-in, so the deployment collects and the browser sends its events.
  before(async () => {
    posthog = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.end("{}"));
    });
    await new Promise<void>((resolve) => posthog.listen(0, "127.0.0.1", resolve));
    workerEnv.SECOND_POSTHOG_HOST = `http://127.0.0.1:${(posthog.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => posthog.close(() => resolve())));
  const env = platformAndBrowser(workerEnv);

  it("shows what will be imported, creates the app with the files as its draft, opens it in the builder, and sends both events", async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const sent: CaptureBody[] = [];
    page.on("request", (request: Request) => {
      if (request.url().endsWith("/api/analytics/capture") && request.method() === "POST") sent.push(captureBodySchema.parse(request.postDataJSON()));
    });
    await signIn(page, env.platform.url, "Ada Importer", "ada.importer@example.com");
    const workspaceId = await createWorkspace(page, "Import Labs");

    await page.getByRole("button", { name: "Import" }).waitFor();
    await page.screenshot({ path: path.join(artifacts, "app-import-home-390.png") });
    await page.getByRole("button", { name: "Import" }).click();
    const dialog = page.getByRole("dialog", { name: "Import an existing app" });
    await dialog.waitFor();
    const { dir, imported } = writeAppFolder();
    await page.getByTestId("import-folder-input").setInputFiles(dir);
    await dialog.getByTestId("import-summary").waitFor();
    const summary = (await dialog.getByTestId("import-summary").textContent()) ?? "";
    assert.match(summary, /3 files to import/);
    assert.match(summary, /3 skipped/);
    const skipped = (await dialog.getByTestId("import-skipped").textContent()) ?? "";
    assert.match(skipped, /package\.json.*dependencies come from the platform/);
    assert.match(skipped, /node_modules\/left-pad\/index\.js/);
    assert.match(skipped, /src\/logo\.ts.*not UTF-8/);
    assert.equal(await dialog.getByLabel("App name").inputValue(), "expense-tracker");
    await page.screenshot({ path: path.join(artifacts, "app-import-dialog-390.png") });

    await dialog.getByRole("button", { name: "Import 3 files" }).click();
    await page.waitForURL(/\/apps\/app_/);
    const appId = new URL(page.url()).pathname.split("/")[4]!;
    await page.getByRole("heading", { name: "expense-tracker" }).waitFor();
    await page.screenshot({ path: path.join(artifacts, "app-import-builder-390.png") });
    // The imported files arrive unbuilt: the builder is asked to build them as they are.
    await page.getByText("Chat", { exact: true }).click();
    await page.getByTestId("chat-pane").getByText("I imported this app's existing source", { exact: false }).first().waitFor();
    const files = await page.request.get(`${env.platform.url}/api/workspaces/${workspaceId}/apps/${appId}/files`);
    assert.deepEqual((await files.json()).files, imported);

    // Both events, the second with counts only: no name or path of the folder or its files.
    const deadline = Date.now() + 10_000;
    while (!sent.some((e) => e.event === "import existing app triggered") && Date.now() < deadline) await page.waitForTimeout(100);
    assert.ok(sent.some((e) => e.event === "import existing app clicked"));
    const triggered = sent.find((e) => e.event === "import existing app triggered");
    assert.ok(triggered, "import existing app triggered was sent");
    const total = Object.values(imported).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    assert.equal(triggered.properties.file_count, 3);
    assert.equal(triggered.properties.total_bytes, total);
    assert.doesNotMatch(JSON.stringify(triggered), /expense|App\.tsx|src\//);
    await context.close();
  });
});
