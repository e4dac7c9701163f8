import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { currentVersion, migrate, type MigrationStep } from "../../durable-objects/sql/migrations.ts";
import { ChunkLog } from "../../durable-objects/run-stream/chunk-log.ts";
import { Outbox } from "../../durable-objects/store-gateway/outbox.ts";
import { OutboxDelivery } from "../../durable-objects/store-gateway/outbox-delivery.ts";
import type { ChatChunk } from "../../shared/chat/chunks.ts";
import { channel } from "./support/channel-harness.ts";

/**
 * 3 MB of text with multi-byte characters and characters JSON escapes: above the 2 MB row limit of
 * Durable Object SQLite on Cloudflare (local workerd does not enforce it, so the tests check that
 * every stored row stays below it).
 */
const HUGE = `${'const x = "é\\n";\u0001 😀 '.repeat(120_000)}end`;
const rowBytes = (text: string) => new TextEncoder().encode(text).length;

describe("Durable Object migrations", () => {
  it("applies each step once, in order, and records it", async () => {
    const stub = env.RUN_STREAM.getByName("migrations-once");
    const outcome = await runInDurableObject(stub, async (_instance, state) => {
      const steps: MigrationStep[] = [
        { version: 1, description: "t", up: (sql) => sql.exec(`CREATE TABLE t (a INTEGER)`) },
        { version: 2, description: "t.b", up: (sql) => sql.exec(`ALTER TABLE t ADD COLUMN b TEXT`) },
      ];
      const first = migrate(state.storage, "probe", steps.slice(0, 1));
      const second = migrate(state.storage, "probe", steps);
      const third = migrate(state.storage, "probe", steps);
      state.storage.sql.exec(`INSERT INTO t (a, b) VALUES (1, 'x')`);
      const rows = state.storage.sql.exec(`SELECT component, version FROM _migrations WHERE component = 'probe' ORDER BY version`).toArray();
      return { first, second, third, rows };
    });
    expect(outcome.first).toEqual({ version: 1, applied: [1] });
    expect(outcome.second).toEqual({ version: 2, applied: [2] });
    expect(outcome.third).toEqual({ version: 2, applied: [] });
    expect(outcome.rows).toEqual([
      { component: "probe", version: 1 },
      { component: "probe", version: 2 },
    ]);
  });

  it("rolls a failing step back whole and retries it on the next start", async () => {
    const stub = env.RUN_STREAM.getByName("migrations-failing-step");
    const outcome = await runInDurableObject(stub, async (_instance, state) => {
      const failing: MigrationStep = {
        version: 1,
        description: "two tables, the second fails",
        up: (sql) => {
          sql.exec(`CREATE TABLE half (a INTEGER)`);
          sql.exec(`CREATE TABLE broken (`);
        },
      };
      let error = "";
      try {
        migrate(state.storage, "failing", [failing]);
      } catch (caught) {
        error = caught instanceof Error ? caught.message : String(caught);
      }
      const halfExists = state.storage.sql.exec(`SELECT name FROM sqlite_master WHERE name = 'half'`).toArray().length > 0;
      const versionAfterFailure = currentVersion(state.storage.sql, "failing");
      const fixed: MigrationStep = { ...failing, up: (sql) => sql.exec(`CREATE TABLE half (a INTEGER)`) };
      const retried = migrate(state.storage, "failing", [fixed]);
      return { error, halfExists, versionAfterFailure, retried };
    });
    expect(outcome.error).not.toBe("");
    expect(outcome.halfExists).toBe(false);
    expect(outcome.versionAfterFailure).toBe(0);
    expect(outcome.retried).toEqual({ version: 1, applied: [1] });
  });

  it("refuses steps that are not numbered 1, 2, 3…", async () => {
    const stub = env.RUN_STREAM.getByName("migrations-numbering");
    const message = await runInDurableObject(stub, async (_instance, state) => {
      try {
        migrate(state.storage, "gaps", [{ version: 2, description: "skips 1", up: () => {} }]);
        return "no error";
      } catch (caught) {
        return caught instanceof Error ? caught.message : String(caught);
      }
    });
    expect(message).toMatch(/numbered 1, 2, 3/);
  });

  it("adopts tables created before migrations existed, keeping their rows", async () => {
    const stub = env.RUN_STREAM.getByName("migrations-adopt");
    const outcome = await runInDurableObject(stub, async (_instance, state) => {
      // What the chunk log's constructor did before: the table exists, _migrations knows nothing.
      state.storage.sql.exec(`DELETE FROM _migrations WHERE component = 'chunk_log'`);
      state.storage.sql.exec(`INSERT INTO chunks (seq, data) VALUES (1, '{"type":"start-step"}')`);
      const log = new ChunkLog(state.storage);
      return { rows: log.after(0), version: currentVersion(state.storage.sql, "chunk_log") };
    });
    expect(outcome.rows).toEqual([{ seq: 1, data: '{"type":"start-step"}' }]);
    expect(outcome.version).toBe(1);
  });
});

describe("row-size guards", () => {
  it("the probe is above the limit", () => {
    expect(rowBytes(HUGE)).toBeGreaterThan(2_100_000);
  });

  it("splits a tool-input delta carrying a whole file into rows that concatenate to it", async () => {
    const stub = env.RUN_STREAM.getByName("chunk-log-huge-delta");
    const outcome = await runInDurableObject(stub, async (_instance, state) => {
      const log = new ChunkLog(state.storage);
      log.clear();
      const appended = log.append({ type: "tool-input-delta", toolCallId: "call_1", inputTextDelta: HUGE });
      log.append({ type: "finish-step" });
      return { appended: appended.length, rows: log.after(0) };
    });
    expect(outcome.appended).toBeGreaterThan(1);
    const chunks = outcome.rows.map((row) => JSON.parse(row.data) as ChatChunk);
    expect(outcome.rows.map((row) => row.seq)).toEqual(outcome.rows.map((_, i) => i + 1));
    for (const row of outcome.rows) expect(rowBytes(row.data)).toBeLessThan(2_000_000);
    const deltas = chunks.filter((chunk) => chunk.type === "tool-input-delta");
    expect(deltas.every((chunk) => chunk.toolCallId === "call_1")).toBe(true);
    expect(deltas.map((chunk) => chunk.inputTextDelta).join("")).toBe(HUGE);
    expect(chunks.at(-1)).toEqual({ type: "finish-step" });
  });

  it("keeps the small fields of an oversized tool input and says what was left out", async () => {
    const stub = env.RUN_STREAM.getByName("chunk-log-huge-input");
    const rows = await runInDurableObject(stub, async (_instance, state) => {
      const log = new ChunkLog(state.storage);
      log.clear();
      log.append({ type: "tool-input-available", toolCallId: "call_2", toolName: "write_file", input: { path: "src/App.tsx", content: HUGE } });
      log.append({ type: "error", errorText: HUGE });
      return log.after(0);
    });
    expect(rows).toHaveLength(2);
    const input = JSON.parse(rows[0]!.data) as { input: { path: string; content: { omitted: string } } };
    expect(input.input.path).toBe("src/App.tsx");
    expect(input.input.content.omitted).toMatch(/bytes, too large/);
    const error = JSON.parse(rows[1]!.data) as { errorText: string };
    expect(error.errorText).toMatch(/more characters not kept\)$/);
  });

  it("a Channel stores an oversized event as a reset, keeps its seq and dedup, and goes on", async () => {
    const name = "channel-huge-event";
    const first = await channel(name).publish([{ sourceEventId: "big", data: { text: HUGE } }]);
    const again = await channel(name).publish([
      { sourceEventId: "big", data: { text: HUGE } },
      { sourceEventId: "small", data: { n: 1 } },
    ]);
    expect(first.published).toEqual([{ seq: 1, sourceEventId: "big" }]);
    expect(again.duplicates).toBe(1);
    expect(again.published).toEqual([{ seq: 2, sourceEventId: "small" }]);
    const stream = await channel(name).fetch(new Request("http://channel/subscribe?since=0"));
    const reader = stream.body!.getReader();
    let text = "";
    while (!text.includes('data: {"n":1}')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain('id: 1\ndata: {"type":"reset"}\n\n');
    expect(text).toContain('id: 2\ndata: {"n":1}\n\n');
  });

  it("the outbox queues an oversized announcement as a reset and delivers what follows", async () => {
    const stub = env.STORE_GATEWAY.getByName("outbox-huge-event");
    const delivered = await runInDurableObject(stub, async (_instance, state) => {
      const outbox = new Outbox(state.storage);
      const seen: unknown[] = [];
      const delivery = new OutboxDelivery(
        outbox,
        async (_channel, events) => {
          seen.push(...events.map((event) => event.data));
        },
        "huge",
      );
      outbox.append("data:w:a", { type: "insert", collection: "files", doc: { _id: "d1", body: HUGE } });
      outbox.append("data:w:a", { type: "delete", collection: "files", docId: "d0" });
      await delivery.drain();
      return { seen, pending: outbox.size() };
    });
    expect(delivered.seen).toEqual([{ type: "reset" }, { type: "delete", collection: "files", docId: "d0" }]);
    expect(delivered.pending).toBe(0);
  });
});
