import { useQuery } from "@tanstack/react-query";
import { api, ok } from "./client.ts";
import { appIds, wsIds } from "./queries.ts";
import type { ReviewStatus } from "../../../shared/api/publishing.ts";

/** Keys under the "reviews" and "apps" invalidation scopes, so review.updated / app.* events refresh them. */
export const publishingKeys = {
  reviews: (workspaceId: string, status: ReviewStatus | "all") => ["ws", workspaceId, "reviews", status] as const,
  versions: (workspaceId: string, appId: string) => ["ws", workspaceId, "apps", appId, "versions"] as const,
  collaborators: (workspaceId: string, appId: string) => ["ws", workspaceId, "apps", appId, "collaborators"] as const,
};

export const useReviews = (workspaceId: string, status: ReviewStatus | "all" = "pending") =>
  useQuery({
    queryKey: publishingKeys.reviews(workspaceId, status),
    queryFn: () => ok(api.workspaces[":wId"].reviews.$get({ param: wsIds(workspaceId), query: status === "all" ? {} : { status } })).then((r) => r.reviews),
  });

export const useVersions = (workspaceId: string, appId: string) =>
  useQuery({
    queryKey: publishingKeys.versions(workspaceId, appId),
    queryFn: () => ok(api.workspaces[":wId"].apps[":aId"].versions.$get({ param: appIds(workspaceId, appId) })).then((r) => r.versions),
  });

export const useCollaborators = (workspaceId: string, appId: string) =>
  useQuery({
    queryKey: publishingKeys.collaborators(workspaceId, appId),
    queryFn: () => ok(api.workspaces[":wId"].apps[":aId"].collaborators.$get({ param: appIds(workspaceId, appId) })).then((r) => r.collaborators),
  });
