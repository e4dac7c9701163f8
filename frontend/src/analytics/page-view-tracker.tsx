import { useEffect } from "react";
import { useLocation } from "react-router";
import { capture } from "./analytics.ts";

/** "page viewed" on every route change inside the signed-in shell. */
export function PageViewTracker() {
  const { pathname } = useLocation();
  useEffect(() => {
    capture("page viewed", { path_depth: pathname.split("/").length });
  }, [pathname]);
  return null;
}
