import { describe, expect, it } from "vitest";
import { DuplicateKeyError, type DocumentStore } from "../../platform/store/document-store.ts";

const C = "contract_probe";

/**
 * One behaviour suite for every DocumentStore backend (docs/data-model.md). Each case works in its own
 * tenant, so the suite also runs against a shared MongoDB database without cleanup races.
 */
export function describeStoreContract(backend: string, open: () => DocumentStore | Promise<DocumentStore>) {
  describe(`DocumentStore contract: ${backend}`, () => {
    let n = 0;
    const tenant = () => `t-${Date.now().toString(36)}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

    async function seed(store: DocumentStore, t: string) {
      const people = [
        { name: "ada", email: "ada@x.io", status: "active", rank: 3, tags: ["math", "eng"], profile: { city: "London", age: 36 } },
        { name: "bob", email: "bob@x.io", status: "pending", rank: 1, tags: ["ops"], profile: { city: "Paris", age: 41 } },
        { name: "cy", email: "cy@x.io", status: "active", rank: 2, profile: { city: "London", age: 29 }, nickname: "c" },
        { name: "dee", email: "dee@x.io", status: "blocked", rank: 5, tags: [], profile: { city: "Berlin", age: 52 } },
      ];
      for (const p of people) await store.insertOne(C, { tenant: t, ...p });
    }
    const names = (docs: Record<string, unknown>[]) => docs.map((d) => d.name);

    it("matches by equality, $in, $ne, $exists and ranges", async () => {
      const store = await open();
      const t = tenant();
      await seed(store, t);
      expect(names(await store.find(C, { tenant: t, status: "active" }, { sort: { name: 1 } }))).toEqual(["ada", "cy"]);
      expect(names(await store.find(C, { tenant: t, status: { $in: ["pending", "blocked"] } }, { sort: { name: 1 } }))).toEqual(["bob", "dee"]);
      expect(names(await store.find(C, { tenant: t, status: { $ne: "active" } }, { sort: { name: 1 } }))).toEqual(["bob", "dee"]);
      expect(names(await store.find(C, { tenant: t, nickname: { $exists: true } }))).toEqual(["cy"]);
      expect(names(await store.find(C, { tenant: t, tags: { $exists: false } }))).toEqual(["cy"]);
      expect(names(await store.find(C, { tenant: t, rank: { $gt: 1, $lt: 5 } }, { sort: { rank: 1 } }))).toEqual(["cy", "ada"]);
      expect(names(await store.find(C, { tenant: t, rank: { $gte: 5 } }))).toEqual(["dee"]);
      expect(names(await store.find(C, { tenant: t, tags: "ops" }))).toEqual(["bob"]);
      expect(await store.countDocuments(C, { tenant: t, status: "active" })).toBe(2);
      expect(await store.countDocuments(C, { tenant: t, rank: { $lte: 2 } })).toBe(2);
    });

    it("queries nested fields with dot paths", async () => {
      const store = await open();
      const t = tenant();
      await seed(store, t);
      expect(names(await store.find(C, { tenant: t, "profile.city": "London" }, { sort: { name: 1 } }))).toEqual(["ada", "cy"]);
      expect(names(await store.find(C, { tenant: t, "profile.age": { $gt: 40 } }, { sort: { "profile.age": -1 } }))).toEqual(["dee", "bob"]);
    });

    it("sorts, skips and limits", async () => {
      const store = await open();
      const t = tenant();
      await seed(store, t);
      expect(names(await store.find(C, { tenant: t }, { sort: { rank: -1 }, limit: 2 }))).toEqual(["dee", "ada"]);
      expect(names(await store.find(C, { tenant: t }, { sort: { rank: 1 }, skip: 1, limit: 2 }))).toEqual(["cy", "ada"]);
      expect(names(await store.find(C, { tenant: t, status: "active" }, { sort: { rank: -1 }, limit: 1 }))).toEqual(["ada"]);
      const first = await store.findOne(C, { tenant: t }, { sort: { rank: 1 } });
      expect(first?.name).toBe("bob");
    });

    it("projects fields in and out", async () => {
      const store = await open();
      const t = tenant();
      await seed(store, t);
      const included = await store.findOne(C, { tenant: t, name: "ada" }, { projection: { name: 1, "profile.city": 1 } });
      expect(included).toEqual({ _id: included?._id, name: "ada", profile: { city: "London" } });
      const excluded = await store.findOne(C, { tenant: t, name: "ada" }, { projection: { profile: 0, tags: 0 } });
      expect(excluded).not.toHaveProperty("profile");
      expect(excluded).not.toHaveProperty("tags");
      expect(excluded?.email).toBe("ada@x.io");
    });

    it("applies $set, $unset, $inc and $push", async () => {
      const store = await open();
      const t = tenant();
      await seed(store, t);
      const result = await store.updateOne(
        C,
        { tenant: t, name: "bob" },
        { $set: { status: "active", "profile.city": "Lyon" }, $unset: { tags: "" }, $inc: { rank: 10 }, $push: { notes: "promoted" } },
      );
      expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
      const bob = await store.findOne(C, { tenant: t, name: "bob" });
      expect(bob).toMatchObject({ status: "active", rank: 11, notes: ["promoted"], profile: { city: "Lyon", age: 41 } });
      expect(bob).not.toHaveProperty("tags");
      await store.updateOne(C, { tenant: t, name: "bob" }, { $push: { notes: "again" } });
      expect((await store.findOne(C, { tenant: t, name: "bob" }))?.notes).toEqual(["promoted", "again"]);
      const none = await store.updateOne(C, { tenant: t, name: "nobody" }, { $set: { x: 1 } });
      expect(none).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedId: null });
    });

    it("upserts from the filter's equality fields and $setOnInsert", async () => {
      const store = await open();
      const t = tenant();
      const first = await store.updateOne(
        C,
        { tenant: t, email: "new@x.io" },
        { $set: { name: "new" }, $setOnInsert: { createdBy: "upsert" }, $inc: { visits: 1 } },
        { upsert: true },
      );
      expect(first.matchedCount).toBe(0);
      expect(typeof first.upsertedId).toBe("string");
      const second = await store.updateOne(
        C,
        { tenant: t, email: "new@x.io" },
        { $set: { name: "newer" }, $setOnInsert: { createdBy: "ignored" }, $inc: { visits: 1 } },
        { upsert: true },
      );
      expect(second).toMatchObject({ matchedCount: 1, upsertedId: null });
      const doc = await store.findOne(C, { tenant: t, email: "new@x.io" });
      expect(doc).toMatchObject({ _id: first.upsertedId, tenant: t, email: "new@x.io", name: "newer", createdBy: "upsert", visits: 2 });
      const named = await store.findOneAndUpdate(C, { tenant: t, email: "named@x.io" }, { $setOnInsert: { _id: `named-${t}`, name: "n" } }, { upsert: true });
      expect(named?._id).toBe(`named-${t}`);
      const viaFindOneAndUpdate = await store.findOneAndUpdate(C, { tenant: t, email: "fresh@x.io" }, { $set: { name: "fresh" } }, { upsert: true });
      expect(viaFindOneAndUpdate).toMatchObject({ tenant: t, email: "fresh@x.io", name: "fresh" });
    });

    it("enforces unique indexes with a typed duplicate-key error, on insert and on update", async () => {
      const store = await open();
      const t = tenant();
      await seed(store, t);
      const insert = store.insertOne(C, { tenant: t, email: "ada@x.io", name: "ada2" });
      await expect(insert).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(insert).rejects.toMatchObject({ collection: C });
      const update = store.updateOne(C, { tenant: t, name: "bob" }, { $set: { email: "ada@x.io" } });
      await expect(update).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await store.countDocuments(C, { tenant: t, email: "ada@x.io" })).toBe(1);
      expect((await store.findOne(C, { tenant: t, name: "bob" }))?.email).toBe("bob@x.io");
      const dupId = await store.findOne(C, { tenant: t, name: "cy" });
      await expect(store.insertOne(C, { _id: dupId!._id, tenant: t, email: "other@x.io" })).rejects.toBeInstanceOf(DuplicateKeyError);
      // The same email in another tenant is fine: uniqueness is on the compound key.
      await expect(store.insertOne(C, { tenant: tenant(), email: "ada@x.io" })).resolves.toMatchObject({ email: "ada@x.io" });
    });

    it("lets exactly one of 20 concurrent claims win", async () => {
      const store = await open();
      const t = tenant();
      const job = await store.insertOne(C, { tenant: t, email: "job@x.io", status: "pending" });
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.findOneAndUpdate(C, { tenant: t, _id: job._id, status: "pending" }, { $set: { status: "streaming", claimedBy: i } })),
      );
      const winners = claims.filter((c) => c !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ status: "streaming" });
      const stored = await store.findOne(C, { _id: job._id });
      expect(stored?.claimedBy).toBe(winners[0]?.claimedBy);
    });

    it("returns the document before or after an update", async () => {
      const store = await open();
      const t = tenant();
      await seed(store, t);
      const before = await store.findOneAndUpdate(C, { tenant: t, name: "ada" }, { $inc: { rank: 1 } }, { returnDocument: "before" });
      expect(before?.rank).toBe(3);
      const after = await store.findOneAndUpdate(C, { tenant: t, name: "ada" }, { $inc: { rank: 1 } }, { projection: { rank: 1 } });
      expect(after).toEqual({ _id: before?._id, rank: 5 });
      expect(await store.findOneAndUpdate(C, { tenant: t, name: "zed" }, { $set: { rank: 0 } })).toBeNull();
    });

    it("round-trips dates and compares them", async () => {
      const store = await open();
      const t = tenant();
      const early = new Date("2026-01-01T00:00:00.000Z");
      const late = new Date("2026-06-01T00:00:00.000Z");
      await store.insertOne(C, { tenant: t, email: "e@x.io", at: early, nested: { at: early } });
      await store.insertOne(C, { tenant: t, email: "l@x.io", at: late });
      const doc = await store.findOne(C, { tenant: t, email: "e@x.io" });
      expect(doc?.at).toBeInstanceOf(Date);
      expect((doc!.at as Date).toISOString()).toBe(early.toISOString());
      expect((doc!.nested as { at: Date }).at).toBeInstanceOf(Date);
      const recent = await store.find(C, { tenant: t, at: { $gt: new Date("2026-03-01T00:00:00.000Z") } });
      expect(recent.map((d) => d.email)).toEqual(["l@x.io"]);
      const newest = await store.find(C, { tenant: t }, { sort: { at: -1 } });
      expect(newest.map((d) => d.email)).toEqual(["l@x.io", "e@x.io"]);
    });

    it("keeps strings that look like its own date encoding as strings", async () => {
      const store = await open();
      const t = tenant();
      const tricky = ["\uE000date:2026-01-01T00:00:00.000Z", "\uE000\uE000double", "\uE000", "plain"];
      for (const [i, value] of tricky.entries()) await store.insertOne(C, { tenant: t, email: `s${i}@x.io`, value, nested: { list: [value] } });
      const docs = await store.find(C, { tenant: t }, { sort: { email: 1 } });
      expect(docs.map((d) => d.value)).toEqual(tricky);
      expect(docs.map((d) => (d.nested as { list: unknown[] }).list[0])).toEqual(tricky);
      // Equality lookups (pushed into SQL on the embedded store) find them too.
      expect((await store.findOne(C, { tenant: t, email: "s0@x.io", value: tricky[0] }))?.email).toBe("s0@x.io");
      expect((await store.findOne(C, { tenant: t, value: tricky[1] }))?.email).toBe("s1@x.io");
    });

    it("pages by keyset: exact under concurrent writes, bounded by count and by bytes", async () => {
      const store = await open();
      const t = tenant();
      const at = new Date("2026-03-01T00:00:00.000Z");
      // Five documents share one timestamp: only the _id tie-break orders them.
      for (let i = 0; i < 12; i++)
        await store.insertOne(C, { _id: `${t}-${String(i).padStart(2, "0")}`, tenant: t, email: `p${i}@x.io`, at: i < 5 ? at : new Date(at.getTime() + i * 1000) });
      const sort = { at: -1, _id: -1 } as const;
      const all = (await store.find(C, { tenant: t }, { sort })).map((d) => d._id);
      const walked: string[] = [];
      let after: (string | Date)[] | undefined;
      for (let guard = 0; guard < 20; guard++) {
        const page = await store.findPage(C, { tenant: t }, { sort, limit: 5, maxBytes: 1_000_000, ...(after ? { after } : {}) });
        walked.push(...page.docs.map((d) => d._id));
        if (guard === 0) await store.insertOne(C, { tenant: t, email: "late@x.io", at: new Date(at.getTime() + 100_000) });
        const last = page.docs.at(-1);
        if (!page.more || !last) break;
        after = [last.at as Date, last._id];
      }
      expect(walked).toEqual(all);
      const tiny = await store.findPage(C, { tenant: t }, { sort, limit: 100, maxBytes: 10 });
      expect(tiny.docs).toHaveLength(1);
      expect(tiny.more).toBe(true);
      const none = await store.findPage(C, { tenant: "nobody" }, { sort, limit: 5, maxBytes: 1000 });
      expect(none).toEqual({ docs: [], more: false });
    });

    it("lists the distinct values of a field", async () => {
      const store = await open();
      const t = tenant();
      await seed(store, t);
      expect((await store.distinct(C, "status", { tenant: t })).sort()).toEqual(["active", "blocked", "pending"]);
      expect(await store.distinct(C, "status", { tenant: t, rank: { $gt: 2 } })).toEqual(expect.arrayContaining(["active", "blocked"]));
      expect(await store.distinct(C, "status", { tenant: "nobody" })).toEqual([]);
    });

    it("deletes one and many", async () => {
      const store = await open();
      const t = tenant();
      await seed(store, t);
      expect(await store.deleteOne(C, { tenant: t, status: "active" })).toEqual({ deletedCount: 1 });
      expect(await store.countDocuments(C, { tenant: t, status: "active" })).toBe(1);
      expect(await store.deleteMany(C, { tenant: t, rank: { $gte: 2 } })).toEqual({ deletedCount: 2 });
      expect(names(await store.find(C, { tenant: t }))).toEqual(["bob"]);
      expect(await store.deleteMany(C, { tenant: t })).toEqual({ deletedCount: 1 });
      expect(await store.deleteOne(C, { tenant: t })).toEqual({ deletedCount: 0 });
    });
  });
}
