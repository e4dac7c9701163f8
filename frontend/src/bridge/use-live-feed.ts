import { useEffect, useRef } from "react";
import type { SharedLiveFeed } from "./shared-live-feed.ts";
import { acquireFeedFor, type DataTarget } from "./data-api.ts";

export { acquireFeedFor };

/** Holds the feed while mounted and hands it to `attach`, which returns its own cleanup. */
export function useLiveFeed(target: DataTarget, attach: (feed: SharedLiveFeed) => () => void): void {
  const latest = useRef(attach);
  latest.current = attach;
  const { workspaceId, appId, version } = target;
  useEffect(() => {
    const { feed, release } = acquireFeedFor({ workspaceId, appId, version });
    const detach = latest.current(feed);
    return () => {
      detach();
      release();
    };
  }, [workspaceId, appId, version]);
}
