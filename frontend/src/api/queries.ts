import { useMutation, useQuery, useQueryClient, type MutateOptions, type QueryKey } from "@tanstack/react-query";
import { useRef } from "react";
import { api, ok, pathIds } from "./client.ts";
import { queryKeys } from "../realtime/query-keys.ts";

/** The path ids of a workspace, and of an app in it (encoded for the URL). */
export const wsIds = (workspaceId: string) => pathIds({ wId: workspaceId });
export const appIds = (workspaceId: string, appId: string) => pathIds({ wId: workspaceId, aId: appId });

const workspace = api.workspaces[":wId"];

export const useMe = () => useQuery({ queryKey: queryKeys.me, queryFn: () => ok(api.me.$get()), retry: false });
export const useHealth = () => useQuery({ queryKey: ["health"], queryFn: () => ok(api.health.$get()) });
export const useWorkspace = (workspaceId: string) =>
  useQuery({ queryKey: queryKeys.workspaceInfo(workspaceId), queryFn: () => ok(workspace.$get({ param: wsIds(workspaceId) })).then((r) => r.workspace) });
export const useMembers = (workspaceId: string) =>
  useQuery({ queryKey: queryKeys.members(workspaceId), queryFn: () => ok(workspace.members.$get({ param: wsIds(workspaceId) })).then((r) => r.members) });
export const useTeams = (workspaceId: string) =>
  useQuery({ queryKey: queryKeys.teams(workspaceId), queryFn: () => ok(workspace.teams.$get({ param: wsIds(workspaceId) })).then((r) => r.teams) });
export const useInvitations = (workspaceId: string, enabled = true) =>
  useQuery({ queryKey: queryKeys.invitations(workspaceId), queryFn: () => ok(workspace.invitations.$get({ param: wsIds(workspaceId) })), enabled });
export const useApps = (workspaceId: string) =>
  useQuery({ queryKey: queryKeys.apps(workspaceId), queryFn: () => ok(workspace.apps.$get({ param: wsIds(workspaceId) })).then((r) => r.apps) });
export const useApp = (workspaceId: string, appId: string) =>
  useQuery({ queryKey: queryKeys.app(workspaceId, appId), queryFn: () => ok(workspace.apps[":aId"].$get({ param: appIds(workspaceId, appId) })).then((r) => r.app) });

/** A mutation that invalidates the given keys on success (live events cover the other tabs). */
export function useApiMutation<TBody, TResult>(call: (body: TBody) => Promise<TResult>, invalidate: QueryKey[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

/**
 * A create mutation that cannot run twice for one intent: a second submit while the first is in
 * flight is ignored, and the same body keeps the same Idempotency-Key until it succeeds, so even a
 * repeat that gets through (two tabs, a retry after a timeout) is answered with the first result.
 */
export function useCreateMutation<TBody, TResult>(call: (body: TBody, idempotencyKey: string) => Promise<TResult>, invalidate: QueryKey[]) {
  const intent = useRef<{ body: string; key: string } | null>(null);
  const inFlight = useRef(false);
  const mutation = useApiMutation(async (body: TBody) => {
    const json = JSON.stringify(body);
    if (intent.current?.body !== json) intent.current = { body: json, key: crypto.randomUUID() };
    const result = await call(body, intent.current.key);
    intent.current = null;
    return result;
  }, invalidate);
  const mutate = (body: TBody, options?: MutateOptions<TResult, Error, TBody>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    mutation.mutate(body, {
      ...options,
      onSettled: (...args) => {
        inFlight.current = false;
        options?.onSettled?.(...args);
      },
    });
  };
  return { ...mutation, mutate };
}
