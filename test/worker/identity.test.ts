import { describe, expect, it } from "vitest";
import { Person, signedIn, uniqueEmail, workspaceWithPeople, ORIGIN } from "./support/person.ts";
import { meSchema } from "../../shared/api/identity.ts";
import { exports } from "cloudflare:workers";

describe("none-mode identity", () => {
  it("creates a user, sets an HttpOnly SameSite=Lax signed cookie, and finds the same user again by normalised email", async () => {
    const email = uniqueEmail("ada");
    const ada = new Person("Ada", email);
    const first = await ada.post("/api/auth/identity", { displayName: "Ada", email: `  ${email.toUpperCase()} ` });
    expect(first.status).toBe(200);
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(first.body.user.email).toBe(email);

    const again = await new Person("Ada L.", email).signIn();
    expect(again.id).toBe(first.body.user.id);
    const me = meSchema.parse((await again.get("/api/me")).body);
    expect(me.user.displayName).toBe("Ada L.");
    expect(me.workspaces).toEqual([]);
  });

  it("rejects a forged or missing cookie with 401 identity_required", async () => {
    const nobody = new Person("Nobody", "n@example.com");
    expect((await nobody.get("/api/me")).body.error.code).toBe("identity_required");
    nobody.cookie = "second_session=usr_fake.c2lnbmF0dXJl";
    const forged = await nobody.get("/api/me");
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe("identity_required");
  });

  it("validates the identity body and lists the failing fields", async () => {
    const p = new Person("X", "x@example.com");
    const bad = await p.post("/api/auth/identity", { displayName: "", email: "not-an-email", extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    const paths = bad.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["displayName", "email"]));
    const malformed = await exports.default.fetch(
      new Request(`${ORIGIN}/api/auth/identity`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN }, body: "{not json" }),
    );
    expect(malformed.status).toBe(400);
  });

  it("logs out by clearing the cookie", async () => {
    const p = await signedIn("leaver");
    const out = await p.post("/api/auth/logout");
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/i);
    expect((await p.get("/api/me")).status).toBe(401);
  });

  it("refuses a cross-origin state change that carries the session cookie", async () => {
    const p = await signedIn("csrf");
    const reply = await p.request("POST", "/api/workspaces", { name: "Evil" }, { origin: "https://evil.example" });
    expect(reply.status).toBe(403);
    expect((await p.get("/api/me")).body.workspaces).toEqual([]);
  });
});

describe("workspaces", () => {
  it("creates a workspace with a unique slug, the creator as owner, and a General team containing the creator", async () => {
    const owner = await signedIn("founder");
    const created = await owner.post("/api/workspaces", { name: "Zürich Ops!" });
    expect(created.status).toBe(201);
    expect(created.body.workspace).toMatchObject({ name: "Zürich Ops!", slug: "zurich-ops", role: "owner" });
    const second = await owner.post("/api/workspaces", { name: "Zürich Ops!" });
    expect(second.body.workspace.slug).toMatch(/^zurich-ops-[a-z0-9]+$/);
    const taken = await owner.post("/api/workspaces", { name: "Other", slug: "zurich-ops" });
    expect(taken.status).toBe(409);
    const badSlug = await owner.post("/api/workspaces", { name: "Other", slug: "Not OK" });
    expect(badSlug.status).toBe(400);

    const id = created.body.workspace.id;
    const teams = (await owner.get(`/api/workspaces/${id}/teams`)).body.teams;
    expect(teams).toEqual([expect.objectContaining({ name: "General", isDefault: true, memberCount: 1 })]);
    const members = (await owner.get(`/api/workspaces/${id}/members`)).body.members;
    expect(members).toEqual([expect.objectContaining({ userId: owner.id, role: "owner", teamIds: [teams[0].id] })]);
    const me = (await owner.get("/api/me")).body;
    expect(me.workspaces.map((w: { id: string }) => w.id)).toContain(id);
  });

  it("answers 404 to a signed-in user with no workspace on another workspace's routes, exactly as to anyone else", async () => {
    const { workspaceId } = await workspaceWithPeople("lonertarget");
    const loner = await signedIn("loner");
    for (const path of [`/api/workspaces/${workspaceId}`, `/api/workspaces/${workspaceId}/members`, "/api/workspaces/ws_unknown/members"]) {
      const reply = await loner.get(path);
      expect.soft(reply.status, path).toBe(404);
      expect.soft(reply.body.error.code, path).toBe("not_found");
    }
  });
});
