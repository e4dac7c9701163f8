import { EventSourceParserStream } from "eventsource-parser/stream";
import { runnerEventSchema, type RunnerEvent } from "../../shared/runner/events.ts";

/** Reads the runner's SSE response as validated RunnerEvents, in order (comments and heartbeats skipped). */
export async function* readRunnerEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<RunnerEvent> {
  const events = body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  for await (const message of events) yield runnerEventSchema.parse(JSON.parse(message.data));
}
