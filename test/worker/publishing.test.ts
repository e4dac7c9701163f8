import { describe, expect, it } from "vitest";
import { workspaceWithPeople } from "./support/person.ts";
import { auditNames, builtFiles, createApp, createTeam, rawGet, saveDraft } from "./support/publishing.ts";
import { APP_DOCUMENT_CSP } from "../../shared/app-document.ts";

const agentsJson = JSON.stringify({ agents: [{ id: "helper", name: "Helper", systemPrompt: "Help.", dataCollections: ["leaves"] }] });

describe("publishing in none mode", () => {
  it("publishes directly for owners, keeps serving the published version while the draft changes, and rolls back", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("pub");
    const team = await createTeam(owner, workspaceId, "Ops", [member]);
    const appId = await createApp(owner, workspaceId);
    const base = `/api/workspaces/${workspaceId}/apps/${appId}`;

    // Nothing built: refused, saying why.
    const early = await owner.post(`${base}/publish`, { teamIds: [team] });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/Nothing is built/);

    const v1 = await saveDraft(workspaceId, appId, builtFiles("one"));
    const first = await owner.post(`${base}/publish`, { teamIds: [team], note: "first" });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ outcome: "published", review: null });
    const app = (await owner.get(base)).body.app;
    expect(app).toMatchObject({ publishStatus: "published", hasPublished: true, teamIds: [team] });
    expect(app.publishedSnapshot.hash).toBe(v1.hash);
    expect(app.publishedAt).toEqual(expect.any(String));

    // The builder keeps working: the draft changes, the published version does not.
    const v2 = await saveDraft(workspaceId, appId, builtFiles("two"));
    expect((await owner.get(`${base}/files?version=published&path=dist/index.html`)).body.files["dist/index.html"]).toContain("one");
    expect((await owner.get(`${base}/files?version=draft&path=dist/index.html`)).body.files["dist/index.html"]).toContain("two");
    const served = await rawGet(member, `/a/${appId}/${v1.hash}/`);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain("one");
    expect((await rawGet(member, `/a/${appId}/${v2.hash}/`)).status).toBe(404);

    expect((await owner.post(`${base}/publish`, { teamIds: [team] })).status).toBe(200);
    const versions = (await owner.get(`${base}/versions`)).body.versions;
    expect(versions.map((v: { hash: string }) => v.hash)).toEqual([v2.hash, v1.hash]);
    expect(versions.map((v: { current: boolean }) => v.current)).toEqual([true, false]);
    const oldFiles = await owner.get(`${base}/versions/${versions[1].id}/files?path=dist/index.html`);
    expect(oldFiles.body.files["dist/index.html"]).toContain("one");

    // Rollback: owner/admin only, the older version serves again, the newer one no longer does.
    expect((await member.post(`${base}/versions/${versions[1].id}/restore`)).status).toBe(404);
    const restored = await owner.post(`${base}/versions/${versions[1].id}/restore`);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.app.publishedSnapshot.hash).toBe(v1.hash);
    expect((await rawGet(member, `/a/${appId}/${v1.hash}/`)).status).toBe(200);
    expect((await rawGet(member, `/a/${appId}/${v2.hash}/`)).status).toBe(404);
    const after = (await owner.get(`${base}/versions`)).body.versions;
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({ hash: v1.hash, current: true, restoredFromVersionId: versions[1].id });
    expect((await owner.post(`${base}/versions/${after[0].id}/restore`)).status).toBe(409);
    // The draft was never touched.
    expect((await owner.get(base)).body.app.draftSnapshot.hash).toBe(v2.hash);

    // none mode: no review step, so no review records.
    expect((await owner.get(`/api/workspaces/${workspaceId}/reviews`)).body.reviews).toEqual([]);
    const names = await auditNames(owner, workspaceId);
    expect(names.filter((n) => n === "app.published")).toHaveLength(2);
    expect(names).toContain("app.rolled_back");
  }, 120_000);

  it("validates teams, and lets only owners and admins change them later", async () => {
    const { owner, admin, member, workspaceId } = await workspaceWithPeople("teams");
    const other = await workspaceWithPeople("teams-other");
    const foreignTeam = (await other.owner.post(`/api/workspaces/${other.workspaceId}/teams`, { name: "Theirs" })).body.team.id;
    const appId = await createApp(member, workspaceId);
    await saveDraft(workspaceId, appId, builtFiles("x"));
    const base = `/api/workspaces/${workspaceId}/apps/${appId}`;
    for (const body of [{ teamIds: [] }, { teamIds: [foreignTeam] }, { teamIds: "all" }, {}, { teamIds: ["t"], extra: 1 }]) {
      const reply = await owner.post(`${base}/publish`, body);
      expect.soft(reply.status, JSON.stringify(body)).toBe(400);
    }
    expect((await owner.get(base)).body.app.hasPublished).toBe(false);
    const ops = await createTeam(owner, workspaceId, "Ops", []);
    expect((await member.patch(base, { teamIds: [ops] })).status).toBe(403);
    expect((await admin.patch(base, { teamIds: [foreignTeam] })).status).toBe(400);
    const changed = await admin.patch(base, { teamIds: [ops, ops] });
    expect(changed.status).toBe(200);
    expect(changed.body.app.teamIds).toEqual([ops]);
  });

  it("refuses to publish or approve an app whose agents.json is present but not approved", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("gate");
    const team = await createTeam(owner, workspaceId, "Ops", [member]);
    const appId = await createApp(member, workspaceId);
    const base = `/api/workspaces/${workspaceId}/apps/${appId}`;
    await saveDraft(workspaceId, appId, builtFiles("a", { "agents.json": agentsJson }));
    const direct = await owner.post(`${base}/publish`, { teamIds: [team] });
    expect(direct.status).toBe(409);
    expect(direct.body.error.message).toMatch(/agents\.json is not approved/);
    const request = await member.post(`${base}/publish`, { teamIds: [team] });
    expect(request.status).toBe(409);
    expect(request.body.error.message).toMatch(/agents\.json is not approved/);

    // Declaring no agents grants nothing: such an agents.json needs no approval.
    const empty = await createApp(member, workspaceId, "No agents");
    await saveDraft(workspaceId, empty, builtFiles("b", { "agents.json": '{"agents": []}' }));
    expect((await owner.post(`/api/workspaces/${workspaceId}/apps/${empty}/publish`, { teamIds: [team] })).status).toBe(200);

    const { draft } = (await owner.get(`${base}/agents`)).body;
    expect((await owner.post(`${base}/agents/approve`, { hash: draft.hash })).status).toBe(200);
    const asked = await member.post(`${base}/publish`, { teamIds: [team] });
    expect(asked.status).toBe(201);
    // The approval is withdrawn (a changed agents.json clears it) between request and decision.
    await saveDraft(workspaceId, appId, builtFiles("a", { "agents.json": agentsJson.replace("Help.", "Help more.") }));
    const approve = await owner.post(`/api/workspaces/${workspaceId}/reviews/${asked.body.review.id}/approve`, {});
    expect(approve.status).toBe(409);
    expect(approve.body.error.message).toMatch(/agents\.json changed/);
    expect((await owner.get(base)).body.app.hasPublished).toBe(false);
  });
});

describe("the app document at /a/", () => {
  it("serves the published bundle with the app CSP, immutable caching and an access check on every request", async () => {
    const { owner, member, admin, workspaceId } = await workspaceWithPeople("edge");
    const team = await createTeam(owner, workspaceId, "Ops", [admin]);
    const appId = await createApp(owner, workspaceId);
    const v1 = await saveDraft(workspaceId, appId, builtFiles("edge-one"));
    expect((await owner.post(`/api/workspaces/${workspaceId}/apps/${appId}/publish`, { teamIds: [team] })).status).toBe(200);

    const first = await rawGet(admin, `/a/${appId}/${v1.hash}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-security-policy")).toBe(APP_DOCUMENT_CSP);
    expect(first.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(first.headers.get("content-type")).toMatch(/^text\/html/);
    expect(first.headers.get("x-second-cache")).toBe("miss");
    const second = await rawGet(admin, `/a/${appId}/${v1.hash}/`);
    expect(second.headers.get("x-second-cache")).toBe("hit");
    expect(await second.text()).toContain("edge-one");
    // Cached or not, the member outside the app's teams never gets the code.
    const outsider = await rawGet(member, `/a/${appId}/${v1.hash}/`);
    expect(outsider.status).toBe(404);
    expect(await outsider.text()).not.toContain("edge-one");

    for (const directive of [
      "default-src 'none'",
      "connect-src 'none'",
      "script-src 'unsafe-inline'",
      "style-src 'unsafe-inline'",
      "img-src data: blob:",
      "font-src data: blob:",
    ]) {
      expect(APP_DOCUMENT_CSP).toContain(directive);
    }
    // The draft preview document: builders only, same CSP, private.
    const draft = await rawGet(owner, `/a/${appId}/draft/${v1.hash}/`);
    expect(draft.status).toBe(200);
    expect(draft.headers.get("content-security-policy")).toBe(APP_DOCUMENT_CSP);
    expect(draft.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect((await rawGet(admin, `/a/${appId}/draft/${"0".repeat(64)}/`)).status).toBe(404);

    // The host page: no-store, its own CSP, the app's context for the bridge.
    const host = await rawGet(admin, `/a/${appId}/`);
    expect(host.status).toBe(200);
    expect(host.headers.get("cache-control")).toBe("no-store");
    expect(host.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(await host.text()).toContain(`"appId":"${appId}"`);
    expect((await rawGet(admin, `/a/${appId}`)).status).toBe(301);
    expect((await rawGet(member, `/a/${appId}/`)).status).toBe(404);
    const anonymous = await exportsFetch(`/a/${appId}/`);
    expect(anonymous.status).toBe(302);
    expect((await exportsFetch(`/a/${appId}/${v1.hash}/`)).status).toBe(404);
    expect((await rawGet(admin, `/a/${appId}/not-a-hash/`)).status).toBe(404);
    expect((await rawGet(admin, `/a/${appId}/${v1.hash}/other.js`)).status).toBe(404);
  });
});

async function exportsFetch(path: string) {
  const { exports } = await import("cloudflare:workers");
  return exports.default.fetch(new Request(`http://example.com${path}`, { redirect: "manual" }));
}
