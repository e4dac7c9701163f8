import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Person, signedIn, uniqueEmail, workspaceWithPeople } from "./support/person.ts";

/** A copy of someone's cookie, as a thief (or a shared computer) would keep it. */
const captured = (person: Person) => Object.assign(new Person(person.displayName, person.email), { cookie: person.cookie });

/** Signs a cookie value as the platform does (HMAC-SHA256 with the test secret from vitest.config.ts). */
async function signed(value: string, secret = env.SECOND_NO_AUTH_SESSION_SECRET): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
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

  it("refuses a cookie signed with another secret, a claim moved under another signature, and a malformed signature", async () => {
    const victim = await signedIn("sessionvictim");
    const attacker = await signedIn("sessionattacker");
    const forge = (cookieValue: string) => Object.assign(new Person("Forger", uniqueEmail("forger")), { cookie: `second_session=${encodeURIComponent(cookieValue)}` });
    expect((await forge(await signed(`${victim.id}:0`, "another-secret-of-at-least-32-characters")).get("/api/me")).status).toBe(401);
    const attackersOwn = await signed(`${attacker.id}:0`);
    const stolenSignature = attackersOwn.slice(attackersOwn.lastIndexOf("."));
    expect((await forge(`${victim.id}:0${stolenSignature}`).get("/api/me")).status).toBe(401);
    expect((await forge(`${victim.id}:0.${"*".repeat(43)}=`).get("/api/me")).status).toBe(401);
    // The genuine cookie still works, so the refusals above are the signature's doing.
    expect((await forge(await signed(`${victim.id}:0`)).get("/api/me")).status).toBe(200);
  });
});
