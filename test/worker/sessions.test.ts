import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Person, signedIn, workspaceWithPeople } from "./support/person.ts";

/** A copy of someone's cookie, as a thief (or a shared computer) would keep it. */
const captured = (person: Person) => Object.assign(new Person(person.displayName, person.email), { cookie: person.cookie });

/** Signs a cookie value as the platform does (HMAC-SHA256 with the test secret from vitest.config.ts). */
async function signed(value: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(env.SECOND_NO_AUTH_SESSION_SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(value)));
  return `${value}.${btoa(String.fromCharCode(...mac))}`;
}

describe("server-side sessions (none mode)", () => {
  it("refuses a cookie captured before logout, on every device, until the person signs in again", async () => {
    const ada = await signedIn("sessionada");
    const thief = captured(ada);
    expect((await thief.get("/api/me")).status).toBe(200);
    expect((await ada.post("/api/auth/logout")).status).toBe(200);
    for (const path of ["/api/me", "/api/me/usage-data"]) {
      const reply = await thief.get(path);
      expect.soft(reply.status, path).toBe(401);
      expect.soft(reply.body.error.code, path).toBe("identity_required");
    }
    expect((await thief.post("/api/workspaces", { name: "After logout" })).status).toBe(401);
    const again = await new Person(ada.displayName, ada.email).signIn();
    expect((await again.get("/api/me")).status).toBe(200);
    expect((await thief.get("/api/me")).status).toBe(401);
  });

  it("ends the sessions of someone removed from their last workspace, not of someone who keeps one", async () => {
    const { owner, member, admin, workspaceId } = await workspaceWithPeople("sessionco");
    await admin.post("/api/workspaces", { name: "Admin's other" });
    const memberCookie = captured(member);
    const adminCookie = captured(admin);
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${member.id}`)).status).toBe(200);
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${admin.id}`)).status).toBe(200);
    expect((await memberCookie.get("/api/me")).status).toBe(401);
    expect((await adminCookie.get("/api/me")).status).toBe(200);
  });

  it("refuses a validly signed cookie that carries no session version (the format before versions)", async () => {
    const old = await signedIn("sessionold");
    old.cookie = `second_session=${encodeURIComponent(await signed(old.id))}`;
    expect((await old.get("/api/me")).status).toBe(401);
    old.cookie = `second_session=${encodeURIComponent(await signed(`${old.id}:0`))}`;
    expect((await old.get("/api/me")).status).toBe(200);
  });
});
