import { createParser } from "eventsource-parser";
import type { ModelUsage } from "../../shared/api/model-call.ts";

interface UsageFields {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

const count = (n: number | null | undefined) => (typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

function applyUsage(total: ModelUsage, usage: UsageFields | undefined): void {
  if (!usage) return;
  // Input counts arrive with message_start; output counts are cumulative in message_delta.
  if (usage.input_tokens != null) total.inputTokens = count(usage.input_tokens);
  if (usage.cache_read_input_tokens != null) total.cacheReadTokens = count(usage.cache_read_input_tokens);
  if (usage.cache_creation_input_tokens != null) total.cacheCreationTokens = count(usage.cache_creation_input_tokens);
  if (usage.output_tokens != null) total.outputTokens = count(usage.output_tokens);
}

export const emptyUsage = (): ModelUsage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 });

/** Usage of a non-streaming Messages API answer. */
export function usageOfMessage(message: { usage?: UsageFields }): ModelUsage {
  const total = emptyUsage();
  applyUsage(total, message.usage);
  return total;
}

/**
 * Passes a streamed Messages API answer through unchanged while counting its tokens. The usage is
 * recorded before the chunk holding message_stop goes on, so a run that saw the end of its call
 * finds the call already in the ledger. A stream cut short (the upstream failed, or the run was
 * stopped and cancelled its read) is recorded with what it used up to then.
 */
export function meterStream(body: ReadableStream<Uint8Array>, record: (usage: ModelUsage) => Promise<void>): ReadableStream<Uint8Array> {
  const total = emptyUsage();
  const decoder = new TextDecoder();
  let stopped = false;
  let recorded = false;
  const parser = createParser({
    onEvent: (event) => {
      let data: { type?: string; message?: { usage?: UsageFields }; usage?: UsageFields };
      try {
        data = JSON.parse(event.data);
      } catch {
        return; // not ours to judge: the client reads the same bytes
      }
      if (data.type === "message_start") applyUsage(total, data.message?.usage);
      else if (data.type === "message_delta") applyUsage(total, data.usage);
      else if (data.type === "message_stop") stopped = true;
    },
  });
  const recordOnce = async () => {
    if (recorded) return;
    recorded = true;
    await record(total);
  };
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        await recordOnce();
        throw error;
      }
      if (next.done) {
        await recordOnce();
        controller.close();
        return;
      }
      parser.feed(decoder.decode(next.value, { stream: true }));
      if (stopped) await recordOnce();
      controller.enqueue(next.value);
    },
    async cancel(reason) {
      await recordOnce();
      await reader.cancel(reason);
    },
  });
}
