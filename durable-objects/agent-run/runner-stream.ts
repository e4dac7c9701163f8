import { createParser } from "eventsource-parser";
import { agentRunEventSchema, type AgentRunEvent } from "../../shared/agents/agent-run.ts";

/**
 * Reads the runner's SSE as validated AgentRunEvents. `alive` is called on every byte received,
 * heartbeat comments included, so the watchdog can tell a quiet run from a lost runner.
 */
export async function* readAgentEvents(body: ReadableStream<Uint8Array>, alive: () => void): AsyncGenerator<AgentRunEvent> {
  const queue: AgentRunEvent[] = [];
  const parser = createParser({ onEvent: (message) => queue.push(agentRunEventSchema.parse(JSON.parse(message.data))) });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    alive();
    parser.feed(decoder.decode(value, { stream: true }));
    while (queue.length) yield queue.shift()!;
  }
}
