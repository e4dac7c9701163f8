import type { RunningRedis } from "../baseline/redis-server.ts";
import type { BenchOptions } from "../lib/options.ts";
import { ScriptedTurn } from "../lib/scripted-turn.ts";
import { printTable, ratio } from "../lib/table.ts";
import type { PlatformClient } from "../targets/ours.ts";
import { chatOurs, chatResumableStream, type ChatRow } from "../workloads/chat-resume.ts";

export type { ChatRow };

export interface ChatTarget {
  client: PlatformClient;
  workspaceId: string;
  /** The scripted model the platform's runner streams from (set up before the platform starts). */
  nextTurn: (turn: ScriptedTurn) => void;
}

export async function chatSection(ours: ChatTarget, redis: RunningRedis | null, options: BenchOptions): Promise<ChatRow[]> {
  const oursTurn = new ScriptedTurn(options.chatChunks);
  ours.nextTurn(oursTurn);
  const rows = await chatOurs(ours.client, ours.workspaceId, oursTurn);
  if (redis) rows.push(...(await chatResumableStream(redis.url, new ScriptedTurn(options.chatChunks))));
  for (const row of rows) console.log(`  chat ${row.target} ${row.reader}: ${row.catchUpMs} ms, ${row.bytes} bytes`);
  return rows;
}

export function printChat(rows: ChatRow[]): void {
  const find = (target: ChatRow["target"], reader: ChatRow["reader"]) => rows.find((r) => r.target === target && r.reader === reader);
  printTable(
    "Chat resume: a turn of text deltas; a reader attaches mid-way and at the end and asks for everything. ratio = ours / resumable-stream.",
    (["mid", "end"] as const).map((reader) => {
      const ours = find("ours", reader);
      const base = find("resumable-stream", reader);
      return {
        reader,
        "attached at": ours?.attachedAt ?? "-",
        "ours catch-up ms": ours?.catchUpMs ?? "skipped",
        "resumable-stream ms": base?.catchUpMs ?? "skipped",
        "ms ratio": ratio(ours?.catchUpMs, base?.catchUpMs),
        "ours bytes": ours?.bytes ?? "-",
        "resumable-stream bytes": base?.bytes ?? "-",
        "bytes ratio": ratio(ours?.bytes, base?.bytes),
        "complete ours/rs": `${ours?.complete ?? "-"}/${base?.complete ?? "-"}`,
      };
    }),
  );
}
