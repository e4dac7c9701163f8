import type { ChatChunk } from "../../shared/chat/chunks.ts";

type OpenTool = { toolName: string; input: unknown; available: boolean };

/**
 * Which parts of the turn's message are still open: text and reasoning started but not ended, tool
 * calls without a result. An interrupted turn closes them by the protocol before it ends, so no
 * reader (ours or the AI SDK's) is left with a part that is "streaming" forever.
 */
export class OpenParts {
  private readonly texts = new Map<string, "text" | "reasoning">();
  private readonly tools = new Map<string, OpenTool>();

  observe(chunk: ChatChunk): void {
    switch (chunk.type) {
      case "text-start":
        this.texts.set(chunk.id, "text");
        break;
      case "reasoning-start":
        this.texts.set(chunk.id, "reasoning");
        break;
      case "text-end":
      case "reasoning-end":
        this.texts.delete(chunk.id);
        break;
      case "tool-input-start":
        this.tools.set(chunk.toolCallId, { toolName: chunk.toolName, input: {}, available: false });
        break;
      case "tool-input-available":
        this.tools.set(chunk.toolCallId, { toolName: chunk.toolName, input: chunk.input, available: true });
        break;
      case "tool-input-error":
      case "tool-output-available":
      case "tool-output-error":
        this.tools.delete(chunk.toolCallId);
        break;
    }
  }

  /** The chunks that close everything still open (and forget it). */
  close(why: string): ChatChunk[] {
    const chunks: ChatChunk[] = [];
    for (const [id, kind] of this.texts) chunks.push(kind === "text" ? { type: "text-end", id } : { type: "reasoning-end", id });
    for (const [toolCallId, tool] of this.tools) {
      chunks.push(
        tool.available
          ? { type: "tool-output-error", toolCallId, errorText: `${why} before the tool finished.` }
          : { type: "tool-input-error", toolCallId, toolName: tool.toolName, input: tool.input, errorText: `${why} before the call was complete.` },
      );
    }
    this.texts.clear();
    this.tools.clear();
    return chunks;
  }
}
