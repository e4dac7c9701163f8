import type { ChatChunk } from "../../shared/chat/chunks.ts";
import { MAX_PAYLOAD_BYTES, RowTooLargeError, byteLength, fitsInRow } from "../sql/row-budget.ts";

/** Error texts keep this many characters; more is never useful to read in a chat. */
const ERROR_TEXT_CHARS = 64 * 1024;
/** Fields of an oversized tool input or output up to this size are kept (paths, names, flags). */
const KEPT_FIELD_BYTES = 4096;
/** JSON escapes one UTF-16 code unit as at most 6 bytes (`\u001f`). */
const MAX_BYTES_PER_UNIT = 6;

/**
 * Makes a chunk storable as one chunk-log row. Deltas too large are split into several deltas of
 * the same part (readers concatenate them, so the message is the same); an oversized tool input or
 * output keeps its small fields and says what was left out; an error text is shortened. A chunk
 * that still does not fit is refused with RowTooLargeError.
 */
export function fitChunk(chunk: ChatChunk, maxBytes = MAX_PAYLOAD_BYTES): ChatChunk[] {
  const json = JSON.stringify(chunk);
  if (fitsInRow(json, maxBytes)) return [chunk];
  const fitted = shrink(chunk, maxBytes);
  for (const piece of fitted) {
    const pieceJson = JSON.stringify(piece);
    if (!fitsInRow(pieceJson, maxBytes)) throw new RowTooLargeError(`A ${chunk.type} chunk`, byteLength(json));
  }
  return fitted;
}

function shrink(chunk: ChatChunk, maxBytes: number): ChatChunk[] {
  switch (chunk.type) {
    case "text-delta":
    case "reasoning-delta":
      return splitText(chunk.delta, byteLength(JSON.stringify({ ...chunk, delta: "" })), maxBytes).map((delta) => ({ ...chunk, delta }));
    case "tool-input-delta":
      return splitText(chunk.inputTextDelta, byteLength(JSON.stringify({ ...chunk, inputTextDelta: "" })), maxBytes).map((inputTextDelta) => ({ ...chunk, inputTextDelta }));
    case "tool-input-available":
      return [{ ...chunk, input: keepSmallFields(chunk.input) }];
    case "tool-output-available":
      return [{ ...chunk, output: keepSmallFields(chunk.output) }];
    case "tool-output-error":
    case "error":
      return [{ ...chunk, errorText: shorten(chunk.errorText) }];
    case "data-build":
      return [{ ...chunk, data: { ...chunk.data, ...(chunk.data.errors === undefined ? {} : { errors: shorten(chunk.data.errors) }) } }];
    default:
      return [chunk];
  }
}

/** Pieces whose JSON, with `overhead` bytes around them, fits; never splits a surrogate pair. */
function splitText(text: string, overhead: number, maxBytes: number): string[] {
  const unitsPerPiece = Math.floor((maxBytes - overhead) / MAX_BYTES_PER_UNIT);
  if (unitsPerPiece < 2) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + unitsPerPiece, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

function shorten(text: string): string {
  if (text.length <= ERROR_TEXT_CHARS) return text;
  return `${text.slice(0, ERROR_TEXT_CHARS)}… (${text.length - ERROR_TEXT_CHARS} more characters not kept)`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The small fields of an object (so a tool card still shows its path), the big ones as their size. */
function keepSmallFields(value: unknown): unknown {
  const bytes = byteLength(JSON.stringify(value) ?? "null");
  if (!isRecord(value)) return { omitted: `${bytes} bytes, too large to keep in the stream` };
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const fieldBytes = byteLength(JSON.stringify(field) ?? "null");
    kept[key] = fieldBytes <= KEPT_FIELD_BYTES ? field : { omitted: `${fieldBytes} bytes, too large to keep in the stream` };
  }
  return kept;
}
