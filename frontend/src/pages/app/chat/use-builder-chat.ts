import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { api, ok, once, pathIds } from "../../../api/client.ts";
import { appIds } from "../../../api/queries.ts";
import { queryKeys } from "../../../realtime/query-keys.ts";
import { applyChunk, emptyAssistantMessage } from "../../../../../shared/chat/assemble.ts";
import type { UIMessage } from "../../../../../shared/chat/messages.ts";
import type { Run } from "../../../../../shared/api/runs.ts";
import type { BuilderModel } from "../../../../../shared/api/models.ts";
import { readTurnStream } from "./run-stream-client.ts";
import { capture } from "../../../analytics/analytics.ts";

export type ChatStatus = "loading" | "ready" | "streaming" | "error";

const newMessageId = () => `msg_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

const runs = api.workspaces[":wId"].apps[":aId"].runs;

/**
 * The builder chat of one app: its latest run's history, a turn in flight rebuilt from the run's
 * stream (a reload re-reads it from the start, so no text is lost or doubled), send and stop.
 */
export function useBuilderChat(workspaceId: string, appId: string) {
  const appParam = useMemo(() => appIds(workspaceId, appId), [workspaceId, appId]);
  const runParam = useCallback((runId: string) => ({ ...appParam, ...pathIds({ runId }) }), [appParam]);
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
    async (response: Parameters<typeof readTurnStream>[0], history: UIMessage[]) => {
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
      const latest = (await ok(runs.$get({ param: appParam }))).runs[0];
      if (cancelled) return;
      if (!latest) {
        setStatus("ready");
        return;
      }
      setRun(latest);
      const chat = await ok(runs[":runId"].chat.$get({ param: runParam(latest.id) }));
      if (cancelled) return;
      setMessages(chat.messages);
      if (chat.run.status === "streaming") {
        const history = chat.messages;
        await follow(await runs[":runId"].stream.$get({ param: runParam(latest.id), query: { cursor: "0" } }), history);
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
  }, [appParam, runParam, follow]);

  const send = useCallback(
    async (text: string, model: BuilderModel) => {
      if (sending.current) return;
      sending.current = true;
      setError(null);
      try {
        const current = run ?? (await ok(runs.$post({ param: appParam, json: { model } }, once(runKey.current)))).run;
        setRun(current);
        const history: UIMessage[] = [...messages, { id: newMessageId(), role: "user", parts: [{ type: "text", text }] }];
        setMessages(history);
        capture("chat initiated", { message_count: history.length, model });
        const response = await runs[":runId"].chat.$post({ param: runParam(current.id), json: { messages: history, model } });
        await follow(response, history);
      } catch (e) {
        setError(e instanceof Error ? e : new Error(String(e)));
        setStatus("ready");
      } finally {
        sending.current = false;
      }
    },
    [appParam, runParam, follow, messages, run],
  );

  const stop = useCallback(async () => {
    if (run) await ok(runs[":runId"].stop.$post({ param: runParam(run.id) }));
  }, [runParam, run]);

  return { run, messages, status, error, send, stop };
}
