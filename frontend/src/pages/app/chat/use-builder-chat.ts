import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client.ts";
import { paths } from "../../../api/queries.ts";
import { queryKeys } from "../../../realtime/query-keys.ts";
import { applyChunk, emptyAssistantMessage } from "../../../../../shared/chat/assemble.ts";
import type { UIMessage } from "../../../../../shared/chat/messages.ts";
import type { Run } from "../../../../../shared/api/runs.ts";
import { readTurnStream } from "./run-stream-client.ts";
import { capture } from "../../../analytics/analytics.ts";

export type ChatStatus = "loading" | "ready" | "streaming" | "error";

const newMessageId = () => `msg_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * The builder chat of one app: its latest run's history, a turn in flight rebuilt from the run's
 * stream (a reload re-reads it from the start, so no text is lost or doubled), send and stop.
 */
export function useBuilderChat(workspaceId: string, appId: string) {
  const base = `${paths.ws(workspaceId)}/apps/${appId}/runs`;
  const queryClient = useQueryClient();
  const [run, setRun] = useState<Run | null>(null);
  const [messages, setMessages] = useState<UIMessage[]>([]);
  const [status, setStatus] = useState<ChatStatus>("loading");
  const [error, setError] = useState<Error | null>(null);
  const reading = useRef<AbortController | null>(null);
  // One page session creates at most one run, even if two sends race (the API replays the key).
  const runKey = useRef(crypto.randomUUID());
  const sending = useRef(false);

  /** Replays the turn from chunk 1 into an assistant message after `history`. */
  const follow = useCallback(
    async (response: Response, history: UIMessage[]) => {
      reading.current?.abort();
      const controller = new AbortController();
      reading.current = controller;
      let assistant = emptyAssistantMessage(newMessageId());
      setStatus("streaming");
      let failure: string | null = null;
      await readTurnStream(
        response,
        (_seq, chunk) => {
          assistant = applyChunk(assistant, chunk);
          if (chunk.type === "error") failure = chunk.errorText;
          setMessages([...history, assistant]);
        },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      setStatus("ready");
      if (failure) setError(new Error(failure));
      void queryClient.invalidateQueries({ queryKey: queryKeys.app(workspaceId, appId) });
    },
    [appId, queryClient, workspaceId],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { runs } = await api.get<{ runs: Run[] }>(base);
      const latest = runs[0];
      if (cancelled) return;
      if (!latest) {
        setStatus("ready");
        return;
      }
      setRun(latest);
      const chat = await api.get<{ run: Run; messages: UIMessage[] }>(`${base}/${latest.id}/chat`);
      if (cancelled) return;
      setMessages(chat.messages);
      if (chat.run.status === "streaming") {
        const history = chat.messages;
        await follow(await fetch(`${base}/${latest.id}/stream?cursor=0`, { credentials: "same-origin" }), history);
      } else setStatus("ready");
    })().catch((e: unknown) => {
      if (cancelled) return;
      setError(e instanceof Error ? e : new Error(String(e)));
      setStatus("error");
    });
    return () => {
      cancelled = true;
      reading.current?.abort();
    };
  }, [base, follow]);

  const send = useCallback(
    async (text: string, model: string) => {
      if (sending.current) return;
      sending.current = true;
      setError(null);
      try {
        const current = run ?? (await api.create<{ run: Run }>(base, { model }, runKey.current)).run;
        setRun(current);
        const history: UIMessage[] = [...messages, { id: newMessageId(), role: "user", parts: [{ type: "text", text }] }];
        setMessages(history);
        capture("chat initiated", { message_count: history.length, model });
        const response = await fetch(`${base}/${current.id}/chat`, {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ messages: history, model }),
        });
        await follow(response, history);
      } catch (e) {
        setError(e instanceof Error ? e : new Error(String(e)));
        setStatus("ready");
      } finally {
        sending.current = false;
      }
    },
    [base, follow, messages, run],
  );

  const stop = useCallback(async () => {
    if (run) await api.post(`${base}/${run.id}/stop`);
  }, [base, run]);

  return { run, messages, status, error, send, stop };
}
