import { createParser } from "eventsource-parser";
import { chatChunkSchema, type ChatChunk } from "../../../../../shared/chat/chunks.ts";
import { errorOf, type AnswerHead } from "../../../../../shared/api/http-client.ts";

/** Reads a run's SSE turn stream, calling `onChunk(seq, chunk)` in order; resolves at its end. */
export async function readTurnStream(
  response: AnswerHead & { body: ReadableStream<Uint8Array> | null },
  onChunk: (seq: number, chunk: ChatChunk) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (!response.ok) throw await errorOf(response);
  if (!response.body) return;
  const parser = createParser({
    onEvent: (message) => {
      if (message.data === "[DONE]" || !message.id) return;
      const chunk = chatChunkSchema.safeParse(JSON.parse(message.data));
      if (chunk.success) onChunk(Number(message.id), chunk.data);
    },
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  signal?.addEventListener("abort", () => void reader.cancel().catch(() => undefined), { once: true });
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    parser.feed(decoder.decode(value, { stream: true }));
  }
}
