import { describe, expect, it } from "vitest";
import { ReadDedupe, type ReadKey } from "../../worker/read-models/read-dedupe.ts";
import { workspaceWithPeople } from "./support/person.ts";

const key: ReadKey = { workspaceId: "ws_1", userId: "usr_1", role: "admin", membershipVersion: 3, query: "members" };

/** A read that counts its calls and settles when told. */
function gatedRead() {
  let calls = 0;
  let release: (value: string) => void = () => {};
  const read = () => {
    calls++;
    return new Promise<string>((resolve) => {
      release = resolve;
    });
  };
  return { read, release: (value: string) => release(value), calls: () => calls };
}

describe("ReadDedupe", () => {
  it("gives two identical concurrent reads one store read and the same answer", async () => {
    const dedupe = new ReadDedupe(500);
    const gate = gatedRead();
    const first = dedupe.share(key, gate.read);
    const second = dedupe.share({ ...key }, gate.read);
    gate.release("roster");
    expect(await Promise.all([first, second])).toEqual(["roster", "roster"]);
    expect(gate.calls()).toBe(1);
  });

  it("never shares across users, roles, membership versions, workspaces or queries", async () => {
    const dedupe = new ReadDedupe(500);
    const variants: ReadKey[] = [
      key,
      { ...key, userId: "usr_2" },
      { ...key, role: "member" },
      { ...key, membershipVersion: 4 },
      { ...key, workspaceId: "ws_2" },
      { ...key, query: "teams" },
    ];
    let calls = 0;
    const answers = await Promise.all(variants.map((variant) => dedupe.share(variant, async () => `${++calls}:${ReadDedupe.keyOf(variant)}`)));
    expect(calls).toBe(variants.length);
    for (const [i, answer] of answers.entries()) expect(answer).toContain(ReadDedupe.keyOf(variants[i]!));
  });

  it("keeps a settled read for the window only, and drops a failed one at once", async () => {
    let now = 1_000;
    const dedupe = new ReadDedupe(500, () => now);
    let calls = 0;
    const read = async () => ++calls;
    expect(await dedupe.share(key, read)).toBe(1);
    now += 499;
    expect(await dedupe.share(key, read)).toBe(1);
    now += 1;
    expect(await dedupe.share(key, read)).toBe(2);
    expect(dedupe.size).toBe(1);
    now += 10_000;
    expect(dedupe.size).toBe(0);

    const failing = () => Promise.reject(new Error("store down"));
    await expect(dedupe.share({ ...key, query: "x" }, failing)).rejects.toThrow("store down");
    expect(dedupe.size).toBe(0);
    expect(await dedupe.share({ ...key, query: "x" }, async () => "recovered")).toBe("recovered");
  });

  it("keys are unambiguous: fields cannot run into each other", () => {
    expect(ReadDedupe.keyOf({ ...key, workspaceId: "ws_1|usr", userId: "1" })).not.toBe(ReadDedupe.keyOf({ ...key, workspaceId: "ws_1", userId: "usr|1" }));
  });
});

describe("settings read models behind the routes", () => {
  it("authorize every request although identical reads are shared, and show a change at once", async () => {
    const { owner, admin, member, workspaceId } = await workspaceWithPeople("readmodel");
    const base = `/api/workspaces/${workspaceId}`;
    // Concurrent identical reads, and a member asking for the same data at the same moment.
    const [a, b, denied] = await Promise.all([admin.get(`${base}/members`), admin.get(`${base}/members`), member.get(`${base}/invitations`)]);
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(denied.status).toBe(403);
    expect(a.body.members.map((m: { displayName: string }) => m.displayName).sort()).toEqual([admin.displayName, member.displayName, owner.displayName].sort());
    for (const m of a.body.members) expect(Object.keys(m).sort()).toEqual(["displayName", "email", "joinedAt", "role", "teamIds", "userId"]);

    // A role change bumps the membership version: the very next read shows it, for everyone.
    expect((await owner.patch(`${base}/members/${member.id}`, { role: "admin" })).status).toBe(200);
    const after = await admin.get(`${base}/members`);
    expect(after.body.members.find((m: { userId: string }) => m.userId === member.id).role).toBe("admin");
    expect((await member.get(`${base}/invitations`)).status).toBe(200);

    const team = await owner.post(`${base}/teams`, { name: "Finance" });
    expect(team.status).toBe(201);
    const teams = (await admin.get(`${base}/teams`)).body.teams;
    expect(teams.map((t: { name: string }) => t.name)).toContain("Finance");
  });
});
