import type { UIMessage } from "../../shared/chat/messages.ts";

const FILE_TOOLS = new Set(["tool-write_file", "tool-edit_file"]);

/**
 * What agent_runs keeps of an assistant message: file contents written by tools are already in the
 * draft snapshot, so stored tool inputs keep the path and size only. Keeps long conversations far
 * below the store's per-document limit; the chat shows the same cards either way.
 */
export function compactForStorage(message: UIMessage): UIMessage {
  return {
    ...message,
    parts: message.parts.map((part) => {
      if (!FILE_TOOLS.has(part.type) || !("toolCallId" in part)) return part;
      const input = (part.input ?? {}) as Record<string, unknown>;
      const text = typeof input.content === "string" ? input.content : typeof input.new_text === "string" ? input.new_text : "";
      return { ...part, input: { path: input.path, bytes: new TextEncoder().encode(text).length } };
    }),
  };
}
