import { env, exports } from "cloudflare:workers";
import { abortAllDurableObjects, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { Person, workspaceWithPeople } from "./support/person.ts";
import { chat, readRaw, userMessage } from "./support/builder-turn.ts";
import { waitForEvents } from "./support/posthog.ts";
import { BUILDER_MODELS, builderModelsBodySchema, DEFAULT_BUILDER_MODEL } from "../../shared/api/models.ts";
import { chatChunkSchema } from "../../shared/chat/chunks.ts";

async function setup(label: string) {
  const people = await workspaceWithPeople(label);
  const appId: string = (await people.owner.post(`/api/workspaces/${people.workspaceId}/apps`, { name: "Built" })).body.app.id;
  const base = `/api/workspaces/${people.workspaceId}/apps/${appId}/runs`;
  const runId: string = (await people.owner.post(base, {})).body.run.id;
  return { ...people, appId, base, runId };
}

const stream = (owner: Person, base: string, runId: string, cursor: number) =>
  exports.default.fetch(new Request(`http://example.com${base}/${runId}/stream?cursor=${cursor}`, { headers: { cookie: owner.cookie! } }));

const runnerTurns = async () => ((await (await fetch(`${inject("runnerUrl")}/__test/turns`)).json()) as { turns: number }).turns;

describe("builder runs through RunStream", () => {
  it("streams a whole turn with ids 1..N and persists messages and the draft snapshot", async () => {
    const { owner, workspaceId, appId, base, runId } = await setup("turn");
    const events = await readRaw(await chat(owner, base, runId, [userMessage("u1", "Build a lead tracker")]));
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
    const chunks = events.map((e) => chatChunkSchema.parse(JSON.parse(e.data)));
    expect(chunks[0]).toMatchObject({ type: "start" });
    expect(chunks.at(-1)).toEqual({ type: "finish" });
    expect(chunks.filter((c) => c.type === "data-build").map((c) => c.type === "data-build" && c.data.ok)).toEqual([true]);

    const history = (await owner.get(`${base}/${runId}/chat`)).body;
    expect(history.run).toMatchObject({ status: "completed", lastError: null });
    expect(history.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    const text = history.messages[1].parts
      .filter((p: { type: string }) => p.type === "text")
      .map((p: { text: string }) => p.text)
      .join(" ");
    expect(text).toMatch(/Lead tracker/);
    // Stored tool inputs keep the path, not the file (it is in the snapshot).
    const write = history.messages[1].parts.find((p: { type: string; input?: { path?: string } }) => p.type === "tool-write_file" && p.input?.path === "src/App.tsx");
    expect(write.input).toEqual({ path: "src/App.tsx", bytes: expect.any(Number) });
    const app = (await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}`)).body.app;
    expect(app.draftSnapshot.fileCount).toBeGreaterThan(5);
    const html = (await owner.get(`/api/workspaces/${workspaceId}/apps/${appId}/files?version=draft&path=dist/index.html`)).body.files["dist/index.html"];
    expect(html).toMatch(/Lead tracker/);
  }, 120_000);

  it("replays from every cursor k exactly chunks k+1..N, byte-identical, also after an eviction", async () => {
    const { owner, base, runId } = await setup("resume");
    const original = await readRaw(await chat(owner, base, runId, [userMessage("u1", "Build a lead tracker")]));
    const n = original.length;
    expect(n).toBeGreaterThan(20);
    const check = async () => {
      for (let k = 0; k <= n; k++) {
        const replay = await readRaw(await stream(owner, base, runId, k));
        expect(replay, `cursor ${k}`).toEqual(original.slice(k));
      }
    };
    await check();
    // The instance goes away (as on a deploy or a host move); its SQLite stays.
    await abortAllDurableObjects();
    await check();
    const lastEventId = await readRaw(
      await exports.default.fetch(new Request(`http://example.com${base}/${runId}/stream`, { headers: { cookie: owner.cookie!, "last-event-id": String(n - 3) } })),
    );
    expect(lastEventId).toEqual(original.slice(n - 3));
  }, 120_000);

  it("keeps what a turn streamed when its instance dies mid-turn, and the watchdog ends it as failed", async () => {
    const { owner, base, runId } = await setup("midturn");
    const response = await chat(owner, base, runId, [userMessage("u1", "Build a lead tracker")]);
    const reader = response.body!.getReader();
    let received = "";
    while ((received.match(/\n\n/g) ?? []).length < 15) received += new TextDecoder().decode((await reader.read()).value);
    await abortAllDurableObjects();
    await reader.cancel().catch(() => undefined);
    const stub = env.RUN_STREAM.getByName(runId);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const afterWatchdog = await readRaw(await stream(owner, base, runId, 0));
    const last = chatChunkSchema.parse(JSON.parse(afterWatchdog.at(-1)!.data));
    expect(last).toMatchObject({ type: "error", errorText: expect.stringMatching(/interrupted/) });
    // Every stored chunk replays identically from every cursor.
    for (let k = 0; k <= afterWatchdog.length; k++) expect(await readRaw(await stream(owner, base, runId, k))).toEqual(afterWatchdog.slice(k));
    const history = (await owner.get(`${base}/${runId}/chat`)).body;
    expect(history.run).toMatchObject({ status: "failed", lastError: "interrupted" });
    expect(history.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    // A new turn is claimed right away after the loss, and runs to the end.
    const again = await readRaw(await chat(owner, base, runId, [...history.messages, userMessage("u2", "Go on")]));
    expect(chatChunkSchema.parse(JSON.parse(again.at(-1)!.data))).toEqual({ type: "finish" });
  }, 120_000);

  it("starts exactly one runner turn for 10 concurrent POSTs on a pending run; the others get an empty stream", async () => {
    const { owner, base, runId } = await setup("claims");
    const before = await runnerTurns();
    const replies = await Promise.all(Array.from({ length: 10 }, () => chat(owner, base, runId, [userMessage("u1", "Build a lead tracker")])));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const bodies = await Promise.all(replies.map(readRaw));
    expect(bodies.filter((b) => b.length > 0)).toHaveLength(1);
    expect(await runnerTurns()).toBe(before + 1);

    // A completed run is claimed again only by a longer conversation.
    const stored = (await owner.get(`${base}/${runId}/chat`)).body.messages;
    expect(await readRaw(await chat(owner, base, runId, [userMessage("u1", "Build a lead tracker")]))).toEqual([]);
    expect(await readRaw(await chat(owner, base, runId, stored))).toEqual([]);
    expect(await runnerTurns()).toBe(before + 1);
    const next = await readRaw(await chat(owner, base, runId, [...stored, userMessage("u2", "Add a filter")]));
    expect(next.length).toBeGreaterThan(0);
    expect(await runnerTurns()).toBe(before + 2);
    expect((await owner.get(`${base}/${runId}/chat`)).body.messages).toHaveLength(4);
  }, 120_000);

  it("ends a turn whose runner dies with an error chunk and status failed, keeps the streamed text, and works again after", async () => {
    const { owner, base, runId } = await setup("crash");
    await fetch(`${inject("runnerUrl")}/__test/kill-next-turn?after=12`);
    const events = await readRaw(await chat(owner, base, runId, [userMessage("u1", "Build a lead tracker")]));
    const last = chatChunkSchema.parse(JSON.parse(events.at(-1)!.data));
    expect(last).toMatchObject({ type: "error", errorText: expect.stringMatching(/runner stopped responding/) });
    const history = (await owner.get(`${base}/${runId}/chat`)).body;
    expect(history.run.status).toBe("failed");
    const kept = history.messages[1].parts
      .filter((p: { type: string }) => p.type === "text")
      .map((p: { text: string }) => p.text)
      .join("");
    expect(kept.length).toBeGreaterThan(0);
    // A new turn on the same run works.
    const again = await readRaw(await chat(owner, base, runId, [...history.messages, userMessage("u2", "Try again")]));
    expect(chatChunkSchema.parse(JSON.parse(again.at(-1)!.data))).toEqual({ type: "finish" });
    expect((await owner.get(`${base}/${runId}/chat`)).body.run.status).toBe("completed");
  }, 120_000);

  it("keeps runs to the app's builders and scopes them by app", async () => {
    const { owner, member, workspaceId, base, runId } = await setup("runscope");
    expect((await member.get(`${base}/${runId}/chat`)).status).toBe(404);
    const otherApp: string = (await owner.post(`/api/workspaces/${workspaceId}/apps`, { name: "Other" })).body.app.id;
    expect((await owner.get(`/api/workspaces/${workspaceId}/apps/${otherApp}/runs/${runId}/chat`)).status).toBe(404);
    expect((await owner.post(`${base}/${runId}/chat`, { messages: [] })).status).toBe(400);
    expect((await owner.get(`${base}/${runId}/stream?cursor=abc`)).status).toBe(400);
  });

  it("takes the model from the app's settings, and refuses a model the platform does not offer", async () => {
    const { owner, workspaceId, appId, base } = await setup("model");
    expect((await owner.patch(`/api/workspaces/${workspaceId}/apps/${appId}`, { builderModel: "claude-haiku-5-5" })).body.app.builderModel).toBe("claude-haiku-5-5");
    expect((await owner.post(base, {})).body.run.model).toBe("claude-haiku-5-5");
    expect((await owner.patch(`/api/workspaces/${workspaceId}/apps/${appId}`, { builderModel: "claude-sonnet-4-5" })).status).toBe(400);
    expect((await owner.patch(`/api/workspaces/${workspaceId}/apps/${appId}`, { builderModel: "gpt-5" })).status).toBe(400);
    // The picker's list: current models, and offline because these tests run without a key.
    const models = builderModelsBodySchema.parse((await owner.get("/api/builder-models")).body);
    expect(models).toMatchObject({ offline: true, default: DEFAULT_BUILDER_MODEL });
    expect(models.models.map((m) => m.id)).toEqual([...BUILDER_MODELS]);
    expect((await new Person("Nobody", "nobody@example.com").get("/api/builder-models")).status).toBe(401);
  });
});

describe("stopping a turn", () => {
  it("closes every open part, ends with abort, stores the turn as stopped, and the next turn builds", async () => {
    const { owner, base, runId } = await setup("stop");
    expect((await owner.patch("/api/me/usage-data", { anonymized: false })).status).toBe(200);
    const response = await chat(owner, base, runId, [userMessage("u1", "Build a lead tracker")]);
    const reader = response.body!.getReader();
    let received = "";
    // Stop while done_building typechecks and builds: its tool call is open.
    while (!received.includes('"tool-input-available","toolCallId"') || !received.includes('"toolName":"done_building","input"')) {
      received += new TextDecoder().decode((await reader.read()).value);
    }
    const stop = await owner.post(`${base}/${runId}/stop`);
    expect(stop.body).toEqual({ stopped: true });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    const chunks = received
      .split("\n\n")
      .filter((block) => block.includes("data: {"))
      .map((block) => chatChunkSchema.parse(JSON.parse(block.slice(block.indexOf("data: ") + 6))));
    expect(chunks.at(-1)).toEqual({ type: "abort", reason: "stopped" });
    expect(chunks.some((c) => c.type === "finish")).toBe(false);
    // The run object reports the stopped turn as a failed build, phase "stopped".
    const sent = await waitForEvents((all) => all.some((e) => e.event === "build failed" && e.properties.run_id === runId));
    expect(sent.find((e) => e.event === "build failed" && e.properties.run_id === runId)?.properties).toMatchObject({ failure_phase: "stopped", error_code: "stopped" });
    const build = chunks.find((c) => c.type === "tool-input-available" && c.toolName === "done_building");
    expect(chunks.at(-2)).toEqual({
      type: "tool-output-error",
      toolCallId: build?.type === "tool-input-available" ? build.toolCallId : "",
      errorText: "Stopped before the tool finished.",
    });
    const started = chunks.flatMap((c) => (c.type === "text-start" ? [c.id] : []));
    const ended = chunks.flatMap((c) => (c.type === "text-end" ? [c.id] : []));
    expect(ended.sort()).toEqual(started.sort());

    const history = (await owner.get(`${base}/${runId}/chat`)).body;
    expect(history.run).toMatchObject({ status: "completed", lastError: "stopped" });
    expect(history.messages[1].metadata).toEqual({ stopped: true });
    expect(history.messages[1].parts.find((p: { type: string }) => p.type === "tool-done_building")).toMatchObject({ state: "output-error" });
    expect((await owner.post(`${base}/${runId}/stop`)).body).toEqual({ stopped: false });

    // Stop never breaks the offline model: the next message builds the app it described.
    const next = await readRaw(await chat(owner, base, runId, [...history.messages, userMessage("u2", "add a notes field")]));
    const nextChunks = next.map((e) => chatChunkSchema.parse(JSON.parse(e.data)));
    expect(nextChunks.at(-1)).toEqual({ type: "finish" });
    expect(nextChunks.some((c) => c.type === "data-build" && c.data.ok)).toBe(true);
  }, 120_000);
});
