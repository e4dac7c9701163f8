import type { ChatChunk } from "./chunks.ts";
import type { MessagePart, UIMessage } from "./messages.ts";

/**
 * Folds chat chunks into the assistant UIMessage they describe. The RunStream uses it to persist a
 * turn, the chat UI to render one; both see the same message for the same chunks.
 */
export function applyChunk(message: UIMessage, chunk: ChatChunk): UIMessage {
  const parts = [...message.parts];
  const lastText = (type: "text" | "reasoning") => parts.findLastIndex((p) => p.type === type);
  const tool = (toolCallId: string) => parts.findIndex((p) => "toolCallId" in p && p.toolCallId === toolCallId);
  switch (chunk.type) {
    case "start":
      return { ...message, id: chunk.messageId };
    case "start-step":
      parts.push({ type: "step-start" });
      break;
    case "text-start":
      parts.push({ type: "text", text: "" });
      break;
    case "reasoning-start":
      parts.push({ type: "reasoning", text: "" });
      break;
    case "text-delta":
    case "reasoning-delta": {
      const kind = chunk.type === "text-delta" ? "text" : "reasoning";
      const index = lastText(kind);
      const before = index === -1 ? "" : (parts[index] as { text: string }).text;
      const part: MessagePart = kind === "text" ? { type: "text", text: before + chunk.delta } : { type: "reasoning", text: before + chunk.delta };
      if (index === -1) parts.push(part);
      else parts[index] = part;
      break;
    }
    case "tool-input-start":
      parts.push({ type: `tool-${chunk.toolName}`, toolCallId: chunk.toolCallId, state: "input-streaming" });
      break;
    case "tool-input-available": {
      const index = tool(chunk.toolCallId);
      const part: MessagePart = { type: `tool-${chunk.toolName}`, toolCallId: chunk.toolCallId, state: "input-available", input: chunk.input };
      if (index === -1) parts.push(part);
      else parts[index] = part;
      break;
    }
    case "tool-input-error": {
      const index = tool(chunk.toolCallId);
      const part: MessagePart = { type: `tool-${chunk.toolName}`, toolCallId: chunk.toolCallId, state: "output-error", input: chunk.input, errorText: chunk.errorText };
      if (index === -1) parts.push(part);
      else parts[index] = part;
      break;
    }
    case "abort":
      return { ...message, parts, metadata: { ...message.metadata, stopped: true } };
    case "tool-output-available":
    case "tool-output-error": {
      const index = tool(chunk.toolCallId);
      if (index === -1) break;
      const current = parts[index] as MessagePart & { input?: unknown };
      parts[index] =
        chunk.type === "tool-output-available"
          ? { type: current.type, toolCallId: chunk.toolCallId, state: "output-available", input: current.input, output: chunk.output }
          : { type: current.type, toolCallId: chunk.toolCallId, state: "output-error", input: current.input, errorText: chunk.errorText };
      break;
    }
    case "data-usage":
    case "data-build":
      parts.push({ type: chunk.type, data: chunk.data });
      break;
    case "text-end":
    case "reasoning-end":
    case "tool-input-delta":
    case "finish-step":
    case "finish":
    case "error":
      break;
  }
  return { ...message, parts };
}

export const emptyAssistantMessage = (id: string): UIMessage => ({ id, role: "assistant", parts: [] });
