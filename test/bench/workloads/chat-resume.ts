import { createClient } from "redis";
import { createResumableStreamContext } from "resumable-stream";
import { DeltaCounter, type ScriptedTurn } from "../lib/scripted-turn.ts";
import { round, until } from "../lib/stats.ts";
import type { PlatformClient } from "../targets/ours.ts";

export interface ChatRow {
  target: "ours" | "resumable-stream";
  reader: "mid" | "end";
  /** Deltas the turn had produced when the reader attached (it asks for everything from the start). */
  attachedAt: number;
  /** Attach -> the reader holds every delta that existed when it attached. */
  catchUpMs: number;
  /** Bytes the reader received until then. */
  bytes: number;
  /** Whether the reader went on to receive the whole turn. */
  complete: boolean;
}

const TIMEOUT_MS = 120_000;

async function pump(stream: ReadableStream<Uint8Array | string>, counter: DeltaCounter): Promise<void> {
  for await (const chunk of stream) counter.feed(chunk);
}

/** Attaches a reader and measures until it holds `target` deltas; it keeps reading to the end. */
async function attach(
  open: () => Promise<ReadableStream<Uint8Array | string>>,
  target: number,
  total: number,
): Promise<{ catchUpMs: number; bytes: number; done: Promise<boolean> }> {
  const counter = new DeltaCounter();
  const t0 = performance.now();
  const reading = pump(await open(), counter);
  if (!(await until(() => counter.count >= target, TIMEOUT_MS))) throw new Error(`a reader did not catch up to ${target} deltas (has ${counter.count})`);
  const catchUpMs = performance.now() - t0;
  const bytes = counter.bytes;
  return { catchUpMs: round(catchUpMs), bytes, done: reading.then(() => counter.count === total) };
}

/** Runs one scripted turn with a primary reader, a reader attaching mid-way and one at the end. */
async function resumeRun(
  target: ChatRow["target"],
  turn: ScriptedTurn,
  start: () => Promise<ReadableStream<Uint8Array | string>>,
  resume: () => Promise<ReadableStream<Uint8Array | string>>,
): Promise<ChatRow[]> {
  const primary = new DeltaCounter();
  const primaryDone = pump(await start(), primary);
  await until(() => primary.count >= turn.chunks / 2, TIMEOUT_MS);
  const midAt = primary.count;
  const mid = await attach(resume, midAt, turn.chunks);
  if (!(await until(() => primary.count >= turn.chunks, TIMEOUT_MS))) throw new Error(`${target}: the primary reader stalled at ${primary.count}`);
  const end = await attach(resume, turn.chunks, turn.chunks);
  turn.release();
  await primaryDone;
  return [
    { target, reader: "mid", attachedAt: midAt, catchUpMs: mid.catchUpMs, bytes: mid.bytes, complete: await mid.done },
    { target, reader: "end", attachedAt: turn.chunks, catchUpMs: end.catchUpMs, bytes: end.bytes, complete: await end.done },
  ];
}

/** Ours: a builder turn whose model is the scripted turn; readers GET the run's stream from cursor 0. */
export async function chatOurs(client: PlatformClient, workspaceId: string, turn: ScriptedTurn): Promise<ChatRow[]> {
  const appPath = `/api/workspaces/${workspaceId}/apps/${await client.createApp(workspaceId, `chat-${Date.now()}`)}`;
  const { run } = await client.call<{ run: { id: string } }>("POST", `${appPath}/runs`, {});
  const body = { messages: [{ id: "bench-user-1", role: "user", parts: [{ type: "text", text: "Stream the scripted turn." }] }] };
  const bodyOf = async (response: Response) => {
    if (!response.ok || !response.body) throw new Error(`chat: ${response.status} ${await response.text()}`);
    return response.body;
  };
  return resumeRun(
    "ours",
    turn,
    async () => bodyOf(await client.raw("POST", `${appPath}/runs/${run.id}/chat`, body)),
    async () => bodyOf(await fetch(`${client.url}${appPath}/runs/${run.id}/stream?cursor=0`, { headers: { cookie: client.cookieHeader } })),
  );
}

/** Baseline: Vercel's resumable-stream on the same Redis, the same deltas as AI SDK UI-stream SSE lines. */
export async function chatResumableStream(redisUrl: string, turn: ScriptedTurn): Promise<ChatRow[]> {
  const publisher = createClient({ url: redisUrl });
  const subscriber = createClient({ url: redisUrl });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  try {
    const context = createResumableStreamContext({ waitUntil: null, publisher, subscriber });
    const id = `bench-${Date.now()}`;
    const make = () =>
      new ReadableStream<string>({
        start(controller) {
          void turn.play((delta) => controller.enqueue(`data: ${JSON.stringify({ type: "text-delta", id: "t0-0", delta })}\n\n`)).then(() => controller.close());
        },
      });
    const opened = async (stream: ReadableStream<string> | null | undefined) => {
      if (!stream) throw new Error("resumable-stream returned no stream");
      return stream;
    };
    return await resumeRun(
      "resumable-stream",
      turn,
      async () => opened(await context.resumableStream(id, make)),
      async () => opened(await context.resumeExistingStream(id)),
    );
  } finally {
    await Promise.all([publisher.quit(), subscriber.quit()]);
  }
}
