import { useCallback, useMemo, useRef, useState } from "react";
import type { ChatActivity } from "./chat/builder-chat.tsx";
import type { ChatStatus } from "./chat/use-builder-chat.ts";
import { buildProgress, type BuildStep } from "./build-progress.ts";

export interface BuildActivity {
  /** Give to BuilderChat's onActivity. */
  onActivity: (activity: ChatActivity) => void;
  /** While a turn streams: its steps and when it started; null otherwise. */
  building: { steps: BuildStep[]; startedAt: number } | null;
  /** Counts turns that ended with a passing build (changes once per such turn). */
  passedBuilds: number;
}

/** Follows the builder turn for the page around the chat: progress while it runs, a signal when a build passed. */
export function useBuildActivity(): BuildActivity {
  const [activity, setActivity] = useState<ChatActivity>({ status: "loading", messages: [] });
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [passedBuilds, setPassedBuilds] = useState(0);
  const previous = useRef<ChatStatus>("loading");

  const onActivity = useCallback((next: ChatActivity) => {
    setActivity(next);
    const was = previous.current;
    previous.current = next.status;
    if (next.status === "streaming" && was !== "streaming") setStartedAt(Date.now());
    if (was === "streaming" && next.status !== "streaming" && buildProgress(next.messages, false).lastBuildOk) setPassedBuilds((n) => n + 1);
  }, []);

  const streaming = activity.status === "streaming";
  const building = useMemo(
    () => (streaming ? { steps: buildProgress(activity.messages, true).steps, startedAt: startedAt ?? Date.now() } : null),
    [streaming, activity.messages, startedAt],
  );
  return { onActivity, building, passedBuilds };
}
