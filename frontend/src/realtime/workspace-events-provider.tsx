import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { api, pathIds } from "../api/client.ts";
import { workspaceStreamMessageSchema, type WorkspaceEvent } from "../../../shared/realtime/workspace-events.ts";
import { queryKeys } from "./query-keys.ts";

export type ConnectionState = "connecting" | "live" | "reconnecting";

interface WorkspaceEventsValue {
  state: ConnectionState;
  lastEvent: WorkspaceEvent | null;
}

const WorkspaceEventsContext = createContext<WorkspaceEventsValue>({ state: "connecting", lastEvent: null });

/**
 * The one workspace event subscription of the shell (docs/wire-protocols.md#workspace-events): events become query
 * invalidations by scope; a `reset` (resume point gone) invalidates the whole workspace. No
 * component polls or opens its own stream. EventSource reconnects with Last-Event-ID itself.
 */
export function WorkspaceEventsProvider({ workspaceId, myUserId, children }: { workspaceId: string; myUserId: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<WorkspaceEventsValue>({ state: "connecting", lastEvent: null });

  useEffect(() => {
    const source = new EventSource(api.workspaces[":wId"].events.$path({ param: pathIds({ wId: workspaceId }) }));
    source.onopen = () => setValue((v) => ({ ...v, state: "live" }));
    source.onerror = () => setValue((v) => ({ ...v, state: "reconnecting" }));
    source.onmessage = (message) => {
      const parsed = workspaceStreamMessageSchema.safeParse(JSON.parse(message.data));
      if (!parsed.success) return;
      const event = parsed.data;
      if (event.type === "reset") {
        void queryClient.invalidateQueries({ queryKey: queryKeys.workspace(workspaceId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
        return;
      }
      for (const scope of event.scopes) void queryClient.invalidateQueries({ queryKey: queryKeys.scope(workspaceId, scope) });
      // A change to my own membership (role, teams) changes what I may see everywhere: apps, settings.
      if (event.type === "member.changed" && event.ids.userId === myUserId) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.workspace(workspaceId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      }
      setValue({ state: "live", lastEvent: event });
    };
    return () => source.close();
  }, [workspaceId, myUserId, queryClient]);

  return <WorkspaceEventsContext.Provider value={value}>{children}</WorkspaceEventsContext.Provider>;
}

export const useWorkspaceEvents = () => useContext(WorkspaceEventsContext);
