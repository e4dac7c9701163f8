import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DefaultChatTransport, readUIMessageStream, type UIMessage, type UIMessageChunk } from "ai";
import { workspaceWithPeople, ORIGIN, type Person } from "./support/person.ts";

async function setup(label: string) {
  const people = await workspaceWithPeople(label);
  const appId: string = (await people.owner.post(`/api/workspaces/${people.workspaceId}/apps`, { name: "Stock client" })).body.app.id;
  const base = `/api/workspaces/${people.workspaceId}/apps/${appId}/runs`;
  const runId: string = (await people.owner.post(base, {})).body.run.id;
  return { ...people, base, runId };
}

/** The AI SDK's own transport, unmodified, pointed at the run's chat route (fetch carries the session). */
function stockTransport(person: Person, base: string, runId: string) {
  return new DefaultChatTransport<UIMessage>({
    api: `${ORIGIN}${base}/${runId}/chat`,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("cookie", person.cookie!);
      headers.set("origin", ORIGIN);
      return exports.default.fetch(new Request(input instanceof Request ? input.url : String(input), { ...init, headers }));
    },
  });
}

const userMessage = (id: string, text: string): UIMessage => ({ id, role: "user", parts: [{ type: "text", text }] });

async function readAll(stream: ReadableStream<UIMessageChunk>): Promise<UIMessageChunk[]> {
  const chunks: UIMessageChunk[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

/** The message the AI SDK's own reader assembles from the chunks. */
async function assemble(chunks: UIMessageChunk[]): Promise<UIMessage | undefined> {
  let last: UIMessage | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  for await (const message of readUIMessageStream({ stream })) last = message;
  return last;
}

describe("an unmodified AI SDK client (DefaultChatTransport)", () => {
  it("drives a turn, resumes it after a disconnect, stops the next one by the protocol, and keeps going", async () => {
    const { owner, base, runId } = await setup("stock");
    const transport = stockTransport(owner, base, runId);
    const first = userMessage("u1", "expense approvals with amount, requester and status");

    // Send as useChat does, read a little, then drop the connection (as a reload would).
    const disconnect = new AbortController();
    const live = await transport.sendMessages({ chatId: runId, messages: [first], trigger: "submit-message", messageId: undefined, abortSignal: disconnect.signal });
    const reader = live.getReader();
    const seen: UIMessageChunk[] = [];
    while (seen.length < 5) seen.push((await reader.read()).value!);
    expect(seen[0]).toMatchObject({ type: "start" });
    disconnect.abort();
    await reader.cancel().catch(() => undefined);

    // Resume where the SDK looks by convention: GET {api}/{chatId}/stream, a replay from the start.
    const resumed = await transport.reconnectToStream({ chatId: runId });
    expect(resumed).not.toBeNull();
    const whole = await readAll(resumed!);
    expect(whole.slice(0, 5)).toEqual(seen);
    expect(whole.at(-1)).toEqual({ type: "finish" });
    const answer = await assemble(whole);
    expect(answer?.parts.some((p) => p.type === "data-build" && (p.data as { ok: boolean }).ok)).toBe(true);
    expect(answer?.parts.filter((p) => p.type === "text").every((p) => p.type === "text" && p.state === "done")).toBe(true);
    // Nothing runs now: the SDK's convention is 204, which its transport reads as "no stream".
    expect(await transport.reconnectToStream({ chatId: runId })).toBeNull();

    // The next turn, stopped while it builds: open parts are closed, then `abort` ends it.
    const history = [first, answer!, userMessage("u3", "Add a notes field")];
    const next = (await transport.sendMessages({ chatId: runId, messages: history, trigger: "submit-message", messageId: undefined, abortSignal: undefined })).getReader();
    const turn: UIMessageChunk[] = [];
    for (;;) {
      const { value, done } = await next.read();
      if (done) break;
      turn.push(value);
      if (value.type === "tool-input-available" && value.toolName === "done_building") expect((await owner.post(`${base}/${runId}/stop`)).body).toEqual({ stopped: true });
    }
    expect(turn.at(-1)).toEqual({ type: "abort", reason: "stopped" });
    expect(turn.at(-2)).toMatchObject({ type: "tool-output-error", errorText: "Stopped before the tool finished." });
    const stopped = await assemble(turn);
    expect(stopped?.parts.filter((p) => p.type === "text").every((p) => p.type === "text" && p.state === "done")).toBe(true);
    expect(stopped?.parts.find((p) => p.type === "tool-done_building")).toMatchObject({ state: "output-error" });
    const stored = (await owner.get(`${base}/${runId}/chat`)).body;
    expect(stored.messages.at(-1).metadata).toEqual({ stopped: true });

    // And a turn after Stop still builds (the offline model reads its spec back from the files).
    const after = await readAll(
      await transport.sendMessages({
        chatId: runId,
        messages: [...history, stopped!, userMessage("u5", "Rename requester to employee")],
        trigger: "submit-message",
        messageId: undefined,
        abortSignal: undefined,
      }),
    );
    expect(after.at(-1)).toEqual({ type: "finish" });
    expect(after.some((c) => c.type === "data-build" && (c.data as { ok: boolean }).ok)).toBe(true);
  }, 120_000);

  it("refuses what the stock body must not carry: unknown keys, and regenerating a stored answer", async () => {
    const { owner, base, runId } = await setup("stockbody");
    const messages = [userMessage("u1", "expense approvals with amount")];
    expect((await owner.post(`${base}/${runId}/chat`, { id: runId, messages, trigger: "submit-message", extra: 1 })).status).toBe(400);
    const regenerate = await owner.post(`${base}/${runId}/chat`, { id: runId, messages, trigger: "regenerate-message", messageId: "m2" });
    expect(regenerate.status).toBe(400);
    expect(regenerate.body.error.fields).toEqual([expect.objectContaining({ path: "trigger", message: expect.stringMatching(/send a new message/) })]);
    expect((await owner.get(`${base}/${runId}/chat/${runId}/stream`)).status).toBe(204);
  });
});
