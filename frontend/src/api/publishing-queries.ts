import { useQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import { paths } from "./queries.ts";
import type { AppVersionEntry, Collaborator, Review, ReviewStatus } from "../../../shared/api/publishing.ts";

/** Keys under the "reviews" and "apps" invalidation scopes, so review.updated / app.* events refresh them. */
export const publishingKeys = {
  reviews: (workspaceId: string, status: ReviewStatus | "all") => ["ws", workspaceId, "reviews", status] as const,
  versions: (workspaceId: string, appId: string) => ["ws", workspaceId, "apps", appId, "versions"] as const,
  collaborators: (workspaceId: string, appId: string) => ["ws", workspaceId, "apps", appId, "collaborators"] as const,
};

export const useReviews = (workspaceId: string, status: ReviewStatus | "all" = "pending") =>
  useQuery({
    queryKey: publishingKeys.reviews(workspaceId, status),
    queryFn: () => api.get<{ reviews: Review[] }>(`${paths.ws(workspaceId)}/reviews${status === "all" ? "" : `?status=${status}`}`).then((r) => r.reviews),
  });

export const useVersions = (workspaceId: string, appId: string) =>
  useQuery({
    queryKey: publishingKeys.versions(workspaceId, appId),
    queryFn: () => api.get<{ versions: AppVersionEntry[] }>(`${paths.ws(workspaceId)}/apps/${appId}/versions`).then((r) => r.versions),
  });

export const useCollaborators = (workspaceId: string, appId: string) =>
  useQuery({
    queryKey: publishingKeys.collaborators(workspaceId, appId),
    queryFn: () => api.get<{ collaborators: Collaborator[] }>(`${paths.ws(workspaceId)}/apps/${appId}/collaborators`).then((r) => r.collaborators),
  });
