// The bench's subscribers read hundreds of streams in one Node process, so they do not parse every
// event: they find the probe fields the writer put in each document ("n" and "sentAt") by pattern,
// in SSE text and WebSocket frames alike. Both systems under test carry the same event JSON.

const PROBE = /"n":(\d+),"sentAt":(\d+(?:\.\d+)?)/g;

export type ProbeListener = (n: number, sentAt: number) => void;

/** Calls `listener` for every probe in complete SSE events; keeps an unfinished event for the next chunk. */
export class SseProbeReader {
  private pending = "";

  constructor(private readonly listener: ProbeListener) {}

  feed(text: string): void {
    const data = this.pending + text;
    const end = data.lastIndexOf("\n\n");
    if (end < 0) {
      this.pending = data;
      return;
    }
    this.pending = data.slice(end + 2);
    probes(data.slice(0, end), this.listener);
  }
}

export function probes(text: string, listener: ProbeListener): void {
  for (const match of text.matchAll(PROBE)) listener(Number(match[1]), Number(match[2]));
}

/** Reads an SSE response body into a probe listener until it ends or is aborted; counts bytes. */
export async function readSse(body: ReadableStream<Uint8Array>, listener: ProbeListener, bytes: { n: number }): Promise<void> {
  const reader = new SseProbeReader(listener);
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    bytes.n += chunk.byteLength;
    reader.feed(decoder.decode(chunk, { stream: true }));
  }
}
