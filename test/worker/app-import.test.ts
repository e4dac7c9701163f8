import { describe, expect, it } from "vitest";
import { ORIGIN, Person, signedIn, workspaceWithPeople } from "./support/person.ts";
import { storedState } from "./support/stored-state.ts";
import { IMPORT_LIMITS } from "../../shared/api/app-import.ts";

const APP_TSX = 'export default function App() {\n  return <h1>Imported "tracker"</h1>;\n}\n';
const valid = {
  name: "Imported tracker",
  files: {
    "index.html": '<!doctype html><div id="root"></div><script type="module" src="/src/main.tsx"></script>',
    "src/App.tsx": APP_TSX,
    "src/main.tsx": 'import App from "./App";\nconsole.log(App);\n',
    "agents.json": JSON.stringify({ agents: [] }),
  },
};
const importPath = (workspaceId: string) => `/api/workspaces/${workspaceId}/apps/import`;

/** Posts the import and checks it is refused with a 400 naming what was wrong, leaving the workspace as it was. */
async function expectRefused(person: Person, workspaceId: string, body: unknown, mentions: string) {
  const before = await storedState(workspaceId);
  const reply = await person.post(importPath(workspaceId), body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(400);
  expect(reply.body.error.code).toBe("validation_failed");
  expect(JSON.stringify(reply.body.error)).toContain(mentions);
  expect(await storedState(workspaceId)).toBe(before);
}

describe("POST /api/workspaces/:wId/apps/import", () => {
  it("creates the app with the files as its first draft snapshot, audited, and replays a repeated key", async () => {
    const { member, owner, workspaceId } = await workspaceWithPeople("import");
    const headers = { "Idempotency-Key": `import-${crypto.randomUUID()}` };
    const created = await member.request("POST", importPath(workspaceId), valid, headers);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const app = created.body.app;
    expect(app).toMatchObject({ name: "Imported tracker", publishStatus: "draft", createdByUserId: member.id, access: { canEdit: true } });
    // The files are sources only: nothing is built until the builder builds them.
    expect(app.draftSnapshot).toMatchObject({ fileCount: 4, built: false });

    const files = await member.get(`/api/workspaces/${workspaceId}/apps/${app.id}/files`);
    expect(files.body.files).toEqual(valid.files);
    expect(files.body.snapshot.hash).toBe(app.draftSnapshot.hash);
    // agents.json arrives unapproved: approving it stays an admin's call.
    expect((await member.get(`/api/workspaces/${workspaceId}/apps/${app.id}`)).body.app.publishStatus).toBe("draft");

    const repeated = await member.request("POST", importPath(workspaceId), valid, headers);
    expect(repeated.body.app.id).toBe(app.id);
    expect(repeated.headers.get("Idempotency-Replayed")).toBe("true");
    const apps = (await member.get(`/api/workspaces/${workspaceId}/apps`)).body.apps;
    expect(apps.filter((a: { name: string }) => a.name === "Imported tracker")).toHaveLength(1);

    const audit = (await owner.get(`/api/workspaces/${workspaceId}/audit?eventName=app.imported`)).body.events;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ eventName: "app.imported", target: { type: "app", id: app.id }, metadata: { fileCount: 4, bytes: app.draftSnapshot.bytes } });
  }, 90_000);

  it("refuses traversal, platform-owned and hidden paths, naming the file, and creates nothing", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("import-paths");
    for (const path of [
      "../escape.ts",
      "src/../../etc/passwd.ts",
      "/etc/passwd",
      "src//App.tsx",
      "node_modules/react/index.js",
      ".second/protocol.ts",
      "src/.env",
      "dist/index.html",
      "package.json",
      "src\\App.tsx",
      "src/logo.png",
      "server.ts",
    ]) {
      await expectRefused(owner, workspaceId, { ...valid, files: { ...valid.files, [path]: "export {};" } }, path.replaceAll("\\", "\\\\"));
    }
  });

  it("refuses binary and undecodable files, oversize files, too many files and too many bytes", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("import-limits");
    await expectRefused(owner, workspaceId, { ...valid, files: { ...valid.files, "src/blob.ts": "PK\u0003\u0004\u0000\u0000" } }, "src/blob.ts: binary");
    await expectRefused(owner, workspaceId, { ...valid, files: { ...valid.files, "src/latin1.ts": "caf\uFFFD" } }, "src/latin1.ts: the file is not valid UTF-8");
    await expectRefused(owner, workspaceId, { ...valid, files: { ...valid.files, "src/surrogate.ts": "x\uD800y" } }, "src/surrogate.ts");
    await expectRefused(owner, workspaceId, { ...valid, files: { ...valid.files, "src/huge.ts": "a".repeat(IMPORT_LIMITS.fileBytes + 1) } }, "src/huge.ts: files may be at most");
    const many = Object.fromEntries(Array.from({ length: IMPORT_LIMITS.files + 1 }, (_, i) => [`src/f${i}.ts`, "export {};"]));
    await expectRefused(owner, workspaceId, { ...valid, files: many }, `at most ${IMPORT_LIMITS.files} files`);
    const chunk = "b".repeat(IMPORT_LIMITS.fileBytes - 10);
    const heavy = Object.fromEntries(Array.from({ length: Math.ceil(IMPORT_LIMITS.totalBytes / chunk.length) + 1 }, (_, i) => [`src/part${i}.ts`, chunk]));
    await expectRefused(owner, workspaceId, { ...valid, files: heavy }, `at most ${IMPORT_LIMITS.totalBytes}`);
    await expectRefused(owner, workspaceId, { ...valid, files: {} }, "at least one file");
    await expectRefused(owner, workspaceId, { ...valid, files: { "index.html": "<div></div>" } }, "no files under src/");
    await expectRefused(owner, workspaceId, { ...valid, extra: true }, "extra");
  });

  it("refuses a body that is not JSON, and one past the route's own body limit, creating nothing", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("import-json");
    const before = await storedState(workspaceId);
    const send = (body: string) =>
      owner.fetcher(
        new Request(`${ORIGIN}${importPath(workspaceId)}`, { method: "POST", body, headers: { origin: ORIGIN, cookie: owner.cookie!, "content-type": "application/json" } }),
      );
    const broken = await send('{"name": "x", "files": {');
    expect(broken.status).toBe(400);
    const tooLarge = await send(JSON.stringify({ name: "x", files: { "src/a.ts": "c".repeat(5 * 1024 * 1024) } }));
    expect(tooLarge.status).toBe(413);
    expect(await storedState(workspaceId)).toBe(before);
  });

  it("accepts an import larger than the default 1 MB body limit, up to its own limits", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("import-large");
    const chunk = `export const text = "${"d".repeat(IMPORT_LIMITS.fileBytes - 40)}";\n`;
    const files = { ...valid.files, ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`src/data${i}.ts`, chunk])) };
    const created = await owner.post(importPath(workspaceId), { ...valid, files });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.app.draftSnapshot.bytes).toBeGreaterThan(1024 * 1024);
  });

  it("is a 404 in someone else's workspace and a 401 signed out", async () => {
    const { workspaceId } = await workspaceWithPeople("import-tenancy");
    const stranger = await signedIn("import-stranger");
    const before = await storedState(workspaceId);
    const foreign = await stranger.post(importPath(workspaceId), valid);
    expect(foreign.status).toBe(404);
    const anonymous = await new Person("Anonymous", "anonymous@example.com").post(importPath(workspaceId), valid);
    expect(anonymous.status).toBe(401);
    expect(await storedState(workspaceId)).toBe(before);
  });
});
