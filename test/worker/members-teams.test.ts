import { describe, expect, it } from "vitest";
import { type signedIn, workspaceWithPeople } from "./support/person.ts";

const auditNames = async (p: Awaited<ReturnType<typeof signedIn>>, ws: string) =>
  ((await p.get(`/api/workspaces/${ws}/audit?limit=200`)).body.events as { eventName: string }[]).map((e) => e.eventName);

describe("members", () => {
  it("lets an admin change a member's role, audited with hashed changes", async () => {
    const { owner, member, admin, workspaceId } = await workspaceWithPeople("roles");
    const changed = await admin.patch(`/api/workspaces/${workspaceId}/members/${member.id}`, { role: "admin" });
    expect(changed.status).toBe(200);
    expect(changed.body.member).toMatchObject({ userId: member.id, role: "admin" });
    const events = (await owner.get(`/api/workspaces/${workspaceId}/audit?eventName=member.role_changed`)).body.events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: { type: "user", id: admin.id }, target: { type: "user", id: member.id }, outcome: "success" });
    expect(events[0].changes[0]).toMatchObject({ field: "role" });
    expect(events[0].changes[0].beforeHash).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(events[0].changes)).not.toContain('"member"');
  });

  it("keeps owners in charge: admins cannot touch owners, the last owner cannot leave or be demoted", async () => {
    const { owner, admin, member, workspaceId } = await workspaceWithPeople("owners");
    expect((await admin.patch(`/api/workspaces/${workspaceId}/members/${owner.id}`, { role: "member" })).status).toBe(403);
    expect((await admin.patch(`/api/workspaces/${workspaceId}/members/${member.id}`, { role: "owner" })).status).toBe(403);
    expect((await admin.delete(`/api/workspaces/${workspaceId}/members/${owner.id}`)).status).toBe(403);
    const demote = await owner.patch(`/api/workspaces/${workspaceId}/members/${owner.id}`, { role: "admin" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("last_owner");
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${owner.id}`)).body.error.code).toBe("last_owner");
    const denials = (await owner.get(`/api/workspaces/${workspaceId}/audit?eventName=authorization.denied`)).body.events;
    expect(denials.filter((e: { metadata: { rule?: string } }) => e.metadata.rule === "owners_only")).toHaveLength(3);
    // With a second owner, the first may step down.
    expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${admin.id}`, { role: "owner" })).status).toBe(200);
    expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${owner.id}`, { role: "member" })).status).toBe(200);
  });

  it("never leaves a workspace ownerless when two owners demote each other at once", async () => {
    const { owner, admin, workspaceId } = await workspaceWithPeople("race");
    await owner.patch(`/api/workspaces/${workspaceId}/members/${admin.id}`, { role: "owner" });
    const [a, b] = await Promise.all([
      owner.patch(`/api/workspaces/${workspaceId}/members/${admin.id}`, { role: "member" }),
      admin.patch(`/api/workspaces/${workspaceId}/members/${owner.id}`, { role: "member" }),
    ]);
    // Each demotion either happened or was refused as last_owner (both may be refused when they
    // collide exactly); never both applied.
    for (const reply of [a, b]) if (reply.status !== 200) expect(reply.body.error.code).toBe("last_owner");
    const members = (await owner.get(`/api/workspaces/${workspaceId}/members`)).body.members ?? (await admin.get(`/api/workspaces/${workspaceId}/members`)).body.members;
    expect(members.filter((m: { role: string }) => m.role === "owner").length).toBeGreaterThanOrEqual(1);
    expect([a.status, b.status].filter((s) => s === 200).length).toBeLessThanOrEqual(1);
  });

  it("removes a member from the workspace and its teams; a member may leave", async () => {
    const { owner, member, admin, workspaceId } = await workspaceWithPeople("remove");
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${member.id}`)).status).toBe(200);
    // No workspace left at all: the sessions issued while they belonged have ended.
    expect((await member.get(`/api/workspaces/${workspaceId}`)).status).toBe(401);
    expect((await admin.delete(`/api/workspaces/${workspaceId}/members/${admin.id}`)).status).toBe(200);
    const teams = (await owner.get(`/api/workspaces/${workspaceId}/teams`)).body.teams;
    expect(teams[0].memberCount).toBe(1);
    expect(await auditNames(owner, workspaceId)).toEqual(expect.arrayContaining(["member.removed", "member.left"]));
  });

  it("refuses invitations in none mode with a clear reason", async () => {
    const { owner, workspaceId } = await workspaceWithPeople("invites");
    const reply = await owner.post(`/api/workspaces/${workspaceId}/invitations`, { email: "new@example.com" });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("auth_mode_unsupported");
    expect(reply.body.error.message).toMatch(/external/);
  });
});

describe("teams", () => {
  it("creates, renames and deletes teams and manages their members, each audited", async () => {
    const { owner, member, admin, workspaceId } = await workspaceWithPeople("teams");
    const created = await admin.post(`/api/workspaces/${workspaceId}/teams`, { name: "Sales EU" });
    expect(created.status).toBe(201);
    const teamId = created.body.team.id;
    expect(created.body.team.slug).toBe("sales-eu");
    expect((await admin.post(`/api/workspaces/${workspaceId}/teams`, { name: "Sales EU" })).status).toBe(409);
    expect((await admin.post(`/api/workspaces/${workspaceId}/teams/${teamId}/members`, { userId: member.id })).status).toBe(201);
    expect((await admin.post(`/api/workspaces/${workspaceId}/teams/${teamId}/members`, { userId: member.id })).status).toBe(201);
    const listed = (await member.get(`/api/workspaces/${workspaceId}/teams/${teamId}/members`)).body.members;
    expect(listed).toEqual([expect.objectContaining({ userId: member.id })]);
    expect((await admin.patch(`/api/workspaces/${workspaceId}/teams/${teamId}`, { name: "Sales Europe" })).body.team.name).toBe("Sales Europe");
    expect((await admin.delete(`/api/workspaces/${workspaceId}/teams/${teamId}/members/${member.id}`)).status).toBe(200);
    expect((await admin.delete(`/api/workspaces/${workspaceId}/teams/${teamId}`)).status).toBe(200);
    const general = (await owner.get(`/api/workspaces/${workspaceId}/teams`)).body.teams[0];
    expect(general).toMatchObject({ isDefault: true, memberCount: 3 });
    expect((await owner.delete(`/api/workspaces/${workspaceId}/teams/${general.id}`)).status).toBe(409);
    expect(await auditNames(owner, workspaceId)).toEqual(
      expect.arrayContaining(["team.created", "team.member_added", "team.renamed", "team.member_removed", "team.deleted", "member.added", "workspace.created"]),
    );
  });

  it("refuses a member without teams:manage with 403 and audits the denial", async () => {
    const { owner, member, workspaceId } = await workspaceWithPeople("deny");
    const reply = await member.post(`/api/workspaces/${workspaceId}/teams`, { name: "Rogue" });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("forbidden");
    const denials = (await owner.get(`/api/workspaces/${workspaceId}/audit?eventName=authorization.denied`)).body.events;
    expect(denials[0]).toMatchObject({ outcome: "denied", actor: { id: member.id }, metadata: { permission: "teams:manage", role: "member" } });
  });
});

describe("audit log", () => {
  it("is readable by admins only, filters, and pages with a cursor without gaps or repeats", async () => {
    const { owner, member, admin, workspaceId } = await workspaceWithPeople("auditlog");
    for (let i = 0; i < 7; i++) await admin.post(`/api/workspaces/${workspaceId}/teams`, { name: `Team ${i}` });
    expect((await member.get(`/api/workspaces/${workspaceId}/audit`)).status).toBe(403);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { events: { id: string; occurredAt: string }[]; nextCursor: string | null } } = await owner.get(
        `/api/workspaces/${workspaceId}/audit?category=teams&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.events.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const byActor = (await owner.get(`/api/workspaces/${workspaceId}/audit?actorId=${admin.id}&category=teams`)).body.events;
    expect(byActor).toHaveLength(7);
    const future = (await owner.get(`/api/workspaces/${workspaceId}/audit?from=2999-01-01T00:00:00.000Z`)).body.events;
    expect(future).toEqual([]);
    expect((await owner.get(`/api/workspaces/${workspaceId}/audit?cursor=garbage`)).status).toBe(400);
    expect((await owner.get(`/api/workspaces/${workspaceId}/audit?limit=0`)).status).toBe(400);
  });
});
