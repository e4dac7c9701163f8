import { useEffect, useRef } from "react";
import { acquireFeed, type SharedLiveFeed } from "./shared-live-feed.ts";
import { dataApi, type DataTarget } from "./data-api.ts";

/** The browser-wide live feed of one app/version (one connection, shared by every tab and view). */
export function acquireFeedFor(target: DataTarget) {
  return acquireFeed(`${target.workspaceId}:${target.appId}:${target.version}`, dataApi(target).streamUrl);
}

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
