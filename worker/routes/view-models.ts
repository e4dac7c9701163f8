import type { WorkspaceDoc } from "../../platform/repositories/workspaces.ts";
import type { TeamDoc } from "../../platform/repositories/teams.ts";
import type { InvitationDoc } from "../../platform/repositories/invitations.ts";
import type { Invitation, Team, Workspace } from "../../shared/api/workspaces.ts";
import type { Role } from "../../shared/api/roles.ts";
import type { App } from "../../shared/api/apps.ts";
import type { AppDoc, SnapshotMeta } from "../../platform/repositories/apps.ts";
import type { AppAccess } from "../guard/app-access.ts";

/** Stored documents -> the API shapes (`id`, ISO dates, no internal fields; docs/http-api.md#conventions). */
export const toWorkspace = (w: WorkspaceDoc, role: Role): Workspace => ({ id: w._id, slug: w.slug, name: w.name, createdAt: w.createdAt.toISOString(), role });

export const toTeam = (t: Pick<TeamDoc, "_id" | "name" | "slug" | "isDefault" | "createdAt">, memberCount: number): Team => ({
  id: t._id,
  name: t.name,
  slug: t.slug,
  isDefault: t.isDefault,
  memberCount,
  createdAt: t.createdAt.toISOString(),
});

export const toInvitation = (i: Pick<InvitationDoc, "_id" | "email" | "role" | "status" | "teamIds" | "invitedByUserId" | "createdAt" | "acceptedAt">): Invitation => ({
  id: i._id,
  email: i.email,
  role: i.role,
  status: i.status,
  teamIds: i.teamIds,
  invitedByUserId: i.invitedByUserId,
  createdAt: i.createdAt.toISOString(),
  acceptedAt: i.acceptedAt ? i.acceptedAt.toISOString() : null,
});

const snapshot = (s: SnapshotMeta | null) => (s ? { ...s, updatedAt: s.updatedAt.toISOString() } : null);

export const toApp = (a: AppDoc, access: AppAccess): App => ({
  id: a._id,
  workspaceId: a.workspaceId,
  name: a.name,
  description: a.description,
  publishStatus: a.publishStatus,
  hasPublished: a.publishedSnapshot !== null,
  createdByUserId: a.createdByUserId,
  collaboratorUserIds: a.collaboratorUserIds,
  teamIds: a.teamIds,
  builderModel: a.builderModel ?? null,
  draftSnapshot: snapshot(a.draftSnapshot),
  publishedSnapshot: snapshot(a.publishedSnapshot),
  publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  access,
});
