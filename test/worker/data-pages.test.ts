import { describe, expect, it } from "vitest";
import { workspaceWithPeople, type Person } from "./support/person.ts";

type Doc = { _id: string; n?: number; _updatedAt: string };

async function dataBase(owner: Person, workspaceId: string) {
  const appId = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Paged" })).body.app.id as string;
  return `/api/workspaces/${workspaceId}/apps/${appId}/data`;
}

/** Walks every page of a collection, at most `guard` pages. */
async function walk(owner: Person, base: string, query: string, between?: (page: number) => Promise<void>, guard = 100) {
  const pages: Doc[][] = [];
  let cursor: string | null = null;
  do {
    const reply: { status: number; body: { docs: Doc[]; nextCursor: string | null } } = await owner.get(`${base}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(reply.status).toBe(200);
    pages.push(reply.body.docs);
    cursor = reply.body.nextCursor;
    if (cursor && between) await between(pages.length);
  } while (cursor && pages.length < guard);
  return pages;
}

describe("app data pages", () => {
  it("pages newest update first by (updatedAt, _id), with no document skipped or repeated while others write", { timeout: 120_000 }, async () => {
    const { owner, workspaceId } = await workspaceWithPeople("pages");
    const base = await dataBase(owner, workspaceId);
    const ids: string[] = [];
    for (let n = 0; n < 25; n++) ids.push((await owner.post(base, { collection: "items", data: { n } })).body.doc._id);

    const quiet = await walk(owner, base, "collection=items&limit=10");
    expect(quiet.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(quiet.flat().map((d) => d.n)).toEqual([...Array(25).keys()].reverse());

    // Between pages: a seen document is updated (it moves to the front), a new one arrives, an unseen one is deleted.
    const walked = await walk(owner, base, "collection=items&limit=10", async (page) => {
      if (page !== 1) return;
      await owner.patch(`${base}/${ids[24]}`, { collection: "items", data: { touched: true } });
      await owner.post(base, { collection: "items", data: { n: 99 } });
      await owner.delete(`${base}/${ids[0]}?collection=items`);
    });
    const seen = walked.flat().map((d) => d.n);
    expect(new Set(seen).size).toBe(seen.length);
    // Everything that existed untouched through the walk was seen exactly once.
    expect(seen.filter((n) => n !== undefined && n >= 1 && n <= 23).sort((a, b) => a! - b!)).toEqual([...Array(23).keys()].map((i) => i + 1));
    expect(seen).not.toContain(0);
  });

  it("refuses bad limits and cursors with 400", { timeout: 120_000 }, async () => {
    const { owner, workspaceId } = await workspaceWithPeople("pagelimits");
    const base = await dataBase(owner, workspaceId);
    for (const query of [
      "limit=0",
      "limit=1001",
      "limit=abc",
      "limit=1.5",
      "cursor=",
      "cursor=not-base64!",
      `cursor=${btoa("[1,2]")}`,
      `cursor=${btoa("null")}`,
      `cursor=${btoa('["nodate","x"]')}`,
    ]) {
      const reply = await owner.get(`${base}?collection=items&${query}`);
      expect.soft(reply.status, query).toBe(400);
    }
    expect((await owner.get(`${base}?collection=items&limit=1000`)).body).toEqual({ docs: [], nextCursor: null });
  });

  it("bounds a page by bytes as well as count, and still reaches every document", { timeout: 120_000 }, async () => {
    const { owner, workspaceId } = await workspaceWithPeople("pagebytes");
    const base = await dataBase(owner, workspaceId);
    const blob = "x".repeat(250 * 1024);
    for (let n = 0; n < 20; n++) expect((await owner.post(base, { collection: "big", data: { n, blob } })).status).toBe(201);
    const pages = await walk(owner, base, "collection=big&limit=1000");
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.length).toBeLessThan(20);
    expect(pages.flat().map((d) => d.n)).toEqual([...Array(20).keys()].reverse());
  });
});
