/** Sends one SSE event: `data:` as JSON, with an `event:` line when named. */
export type SseSend = (data: unknown, event?: string) => void;

const HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" };
const encoder = new TextEncoder();

/**
 * The runner's one SSE writer. `produce` writes events until it returns; the stream then ends. The
 * signal aborts when the reader goes away (the platform hung up), so the work can stop too. A
 * comment line every `heartbeatMs` keeps idle streams (a long build) from being cut by proxies.
 */
export function sseResponse(produce: (send: SseSend, signal: AbortSignal) => Promise<void>, options: { heartbeatMs?: number } = {}): Response {
  const hangUp = new AbortController();
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const send: SseSend = (data, event) => write(`${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`);
      const heartbeat = options.heartbeatMs ? setInterval(() => write(": heartbeat\n\n"), options.heartbeatMs) : null;
      produce(send, hangUp.signal)
        .catch((error: unknown) => {
          open = false;
          controller.error(error);
        })
        .finally(() => {
          if (heartbeat) clearInterval(heartbeat);
          if (open) {
            open = false;
            controller.close();
          }
        });
    },
    cancel() {
      open = false;
      hangUp.abort();
    },
  });
  return new Response(stream, { headers: HEADERS });
}
