import { createServer, type Server } from "node:http";
import { sleep } from "./stats.ts";

/**
 * The chat-resume workload's source: `chunks` text deltas, paced in bursts (as a model streams),
 * then held open until `release()` so a reader can attach "at the end" while the turn is still
 * live. Both systems get the same deltas at the same pace.
 */
export class ScriptedTurn {
  sent = 0;
  private releaseHold: () => void = () => undefined;
  private readonly held = new Promise<void>((resolve) => {
    this.releaseHold = resolve;
  });

  constructor(
    readonly chunks: number,
    private readonly burst = 50,
    private readonly burstEveryMs = 5,
  ) {}

  static delta(i: number): string {
    return `w${String(i).padStart(5, "0")} `;
  }

  /** Calls `send` for every delta at the source's pace, then waits for release(). */
  async play(send: (delta: string) => void, isClosed: () => boolean = () => false): Promise<void> {
    while (this.sent < this.chunks && !isClosed()) {
      for (let k = 0; k < this.burst && this.sent < this.chunks; k++) send(ScriptedTurn.delta(this.sent++));
      await sleep(this.burstEveryMs);
    }
    await this.held;
  }

  release(): void {
    this.releaseHold();
  }
}

/**
 * A Messages-API endpoint (POST /v1/messages, stream: true) that plays the next scripted turn as
 * one text block: the platform's runner, pointed at it with ANTHROPIC_BASE_URL, streams it like a
 * model's answer.
 */
export async function startScriptedModel(next: () => ScriptedTurn | null): Promise<{ url: string; server: Server }> {
  const server = createServer(async (request, response) => {
    for await (const _ of request) {
      // drain the request body; the turn ignores the prompt
    }
    const turn = next();
    if (!turn)
      return void response
        .writeHead(503, { "content-type": "application/json" })
        .end(JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "no scripted turn" } }));
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (event: string, data: object) => response.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
    send("message_start", {
      message: {
        id: "msg_bench",
        type: "message",
        role: "assistant",
        model: "bench",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      },
    });
    send("content_block_start", { index: 0, content_block: { type: "text", text: "" } });
    await turn.play(
      (text) => send("content_block_delta", { index: 0, delta: { type: "text_delta", text } }),
      () => response.destroyed,
    );
    send("content_block_stop", { index: 0 });
    send("message_delta", { delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: turn.chunks } });
    send("message_stop", {});
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("the scripted model has no port");
  return { url: `http://127.0.0.1:${address.port}`, server };
}

/** Counts the text deltas in a chat stream (SSE or raw UI-stream text), across chunk boundaries. */
export class DeltaCounter {
  count = 0;
  bytes = 0;
  private tail = "";

  feed(chunk: Uint8Array | string): void {
    const text = typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
    this.bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    const data = this.tail + text;
    const end = data.lastIndexOf("\n\n");
    if (end < 0) {
      this.tail = data;
      return;
    }
    this.tail = data.slice(end + 2);
    this.count += data.slice(0, end).split('"type":"text-delta"').length - 1;
  }
}
