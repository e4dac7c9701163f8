import { describe, expect, it } from "vitest";
import { signedIn, workspaceWithPeople } from "./support/person.ts";
import { auditNames, builtFiles, createApp, createTeam, rawGet, saveDraft } from "./support/publishing.ts";
import { exports } from "cloudflare:workers";
import { ORIGIN } from "./support/person.ts";

describe("review requests", () => {
  it("a member's publish opens a review; an admin sees what changed and approves; the app reaches the team", async () => {
    const { owner, admin, member, workspaceId } = await workspaceWithPeople("rev");
    const colleague = await signedIn("rev-colleague");
    await owner.post(`/api/workspaces/${workspaceId}/members`, { email: colleague.email, displayName: colleague.displayName });
    const team = await createTeam(owner, workspaceId, "Field", [colleague]);
    const appId = await createApp(member, workspaceId);
    const base = `/api/workspaces/${workspaceId}/apps/${appId}`;
    const draft = await saveDraft(workspaceId, appId, builtFiles("first"));

    const asked = await member.post(`${base}/publish`, { teamIds: [team], note: "Ready for the field team" });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body.outcome).toBe("review_requested");
    const review = asked.body.review;
    expect(review).toMatchObject({ appId, snapshotHash: draft.hash, teamIds: [team], note: "Ready for the field team", status: "pending", current: true });
    expect(review.changes).toEqual({ added: ["dist/index.html", "src/App.tsx"], changed: [], removed: [], agentsJsonChanged: false });
    expect((await member.get(base)).body.app.publishStatus).toBe("in_review");
    // Not yet visible to the team.
    expect((await colleague.get(base)).status).toBe(404);

    // The inbox: admins see it; the requester follows it; other members see nothing.
    const inbox = (await admin.get(`/api/workspaces/${workspaceId}/reviews?status=pending`)).body.reviews;
    expect(inbox.map((r: { id: string }) => r.id)).toEqual([review.id]);
    expect((await member.get(`/api/workspaces/${workspaceId}/reviews`)).body.reviews).toHaveLength(1);
    expect((await colleague.get(`/api/workspaces/${workspaceId}/reviews`)).body.reviews).toEqual([]);
    // Only owners and admins decide.
    expect((await member.post(`/api/workspaces/${workspaceId}/reviews/${review.id}/approve`, {})).status).toBe(403);
    expect((await admin.post(`/api/workspaces/${workspaceId}/reviews/${review.id}/approve`, { comment: 5 })).status).toBe(400);

    const approved = await admin.post(`/api/workspaces/${workspaceId}/reviews/${review.id}/approve`, { comment: "Looks good" });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.review).toMatchObject({ status: "approved", comment: "Looks good", decidedBy: { id: admin.id } });
    const app = (await colleague.get(base)).body.app;
    expect(app).toMatchObject({ publishStatus: "published", teamIds: [team], access: { canEdit: false, canViewPublished: true } });
    expect((await rawGet(colleague, `/a/${appId}/${draft.hash}/`)).status).toBe(200);
    // Approving twice is a conflict, not a second publish.
    expect((await admin.post(`/api/workspaces/${workspaceId}/reviews/${review.id}/approve`, {})).status).toBe(409);
    expect((await owner.get(`${base}/versions`)).body.versions).toHaveLength(1);

    // The next request shows what changed since the published version.
    await saveDraft(workspaceId, appId, builtFiles("second", { "src/extra.ts": "export {}", "agents.json": '{"agents":[]}' }));
    const { draft: agents } = (await admin.get(`${base}/agents`)).body;
    await admin.post(`${base}/agents/approve`, { hash: agents.hash });
    const next = (await member.post(`${base}/publish`, { teamIds: [team] })).body.review;
    expect(next.changes).toEqual({ added: ["agents.json", "src/extra.ts"], changed: ["dist/index.html", "src/App.tsx"], removed: [], agentsJsonChanged: true });
    const rejected = await owner.post(`/api/workspaces/${workspaceId}/reviews/${next.id}/reject`, { comment: "Not yet" });
    expect(rejected.body.review).toMatchObject({ status: "rejected", comment: "Not yet" });
    // Rejected: the app keeps serving its published version.
    expect((await member.get(base)).body.app).toMatchObject({ publishStatus: "published", publishedSnapshot: { hash: draft.hash } });
    // No body at all is an empty decision, not bad input; a rejected request still cannot be approved.
    expect((await owner.request("POST", `/api/workspaces/${workspaceId}/reviews/${next.id}/approve`)).status).toBe(409);

    const names = await auditNames(owner, workspaceId);
    for (const name of ["review.requested", "review.approved", "review.rejected", "app.published", "agent_config.approved"]) expect(names).toContain(name);
  });

  it("a changed draft supersedes the pending review, back to draft; approving the stale request is a 409 saying what changed", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("stale");
    const team = await createTeam(owner, workspaceId, "Ops", [member]);
    const appId = await createApp(member, workspaceId);
    const base = `/api/workspaces/${workspaceId}/apps/${appId}`;
    await saveDraft(workspaceId, appId, builtFiles("one"));
    const review = (await member.post(`${base}/publish`, { teamIds: [team] })).body.review;

    await saveDraft(workspaceId, appId, builtFiles("two", { "src/new.ts": "export const x = 1;" }));
    expect((await member.get(base)).body.app.publishStatus).toBe("draft");
    const [shown] = (await owner.get(`/api/workspaces/${workspaceId}/reviews`)).body.reviews;
    expect(shown).toMatchObject({ id: review.id, status: "superseded", current: false });
    const stale = await owner.post(`/api/workspaces/${workspaceId}/reviews/${review.id}/approve`, {});
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe(
      "This request is superseded. The app changed since the request (1 file added, 2 files changed); the requester sends the current version for review again.",
    );
    expect((await owner.get(base)).body.app.hasPublished).toBe(false);

    // A newer request replaces an older pending one.
    const a = (await member.post(`${base}/publish`, { teamIds: [team] })).body.review;
    const b = (await member.post(`${base}/publish`, { teamIds: [team], note: "again" })).body.review;
    const statuses = Object.fromEntries((await owner.get(`/api/workspaces/${workspaceId}/reviews`)).body.reviews.map((r: { id: string; status: string }) => [r.id, r.status]));
    expect(statuses[a.id]).toBe("superseded");
    expect(statuses[b.id]).toBe("pending");
    expect(await auditNames(owner, workspaceId)).toContain("review.superseded");
  });

  it("a builder message while a review is pending supersedes it", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("chat");
    const team = await createTeam(owner, workspaceId, "Ops", [member]);
    const appId = await createApp(member, workspaceId);
    const base = `/api/workspaces/${workspaceId}/apps/${appId}`;
    await saveDraft(workspaceId, appId, builtFiles("one"));
    const review = (await member.post(`${base}/publish`, { teamIds: [team] })).body.review;
    const run = (await member.post(`${base}/runs`, {})).body.run;
    const chat = await exports.default.fetch(
      new Request(`${ORIGIN}${base}/runs/${run.id}/chat`, {
        method: "POST",
        headers: { origin: ORIGIN, cookie: member.cookie ?? "", "content-type": "application/json" },
        body: JSON.stringify({ messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "Make the title bigger" }] }] }),
      }),
    );
    expect(chat.status).toBe(200);
    // The turn runs on; the review was closed when the message was accepted.
    await chat.body?.cancel();
    const [shown] = (await owner.get(`/api/workspaces/${workspaceId}/reviews`)).body.reviews;
    expect(shown).toMatchObject({ id: review.id, status: "superseded" });
    expect(shown.comment).toMatch(/builder message/);
    expect((await owner.post(`/api/workspaces/${workspaceId}/reviews/${review.id}/approve`, {})).status).toBe(409);
  });
});
