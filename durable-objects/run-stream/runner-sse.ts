import { createParser } from "eventsource-parser";
import { runnerEventSchema, type RunnerEvent } from "../../shared/runner/events.ts";

/** Reads the runner's SSE response as validated RunnerEvents, in order. */
export async function* readRunnerEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<RunnerEvent> {
  const queue: RunnerEvent[] = [];
  const parser = createParser({ onEvent: (message) => queue.push(runnerEventSchema.parse(JSON.parse(message.data))) });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
    while (queue.length) yield queue.shift()!;
  }
}
