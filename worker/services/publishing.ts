import type { Env } from "../../platform/env.ts";
import { ApiError, notFound } from "../../platform/api-error.ts";
import { AppsRepository, type AgentsApproval, type AppDoc } from "../../platform/repositories/apps.ts";
import { SnapshotsRepository, filesOf, manifestOf, type SnapshotDoc } from "../../platform/repositories/snapshots.ts";
import { VersionsRepository, type VersionDoc } from "../../platform/repositories/versions.ts";
import { TeamsRepository } from "../../platform/repositories/teams.ts";
import type { AuditEvent } from "../../shared/api/audit.ts";
import { agentsOfFiles } from "./agents-config.ts";
import { recordChange } from "./record-change.ts";

export interface Publisher {
  id: string;
  displayName: string;
}

const actorOfPublisher = (p: Publisher): AuditEvent["actor"] => ({ type: "user", id: p.id, displayName: p.displayName });

/** Every team must belong to this workspace (a foreign or unknown team is bad input). */
export async function assertTeams(env: Env, workspaceId: string, teamIds: string[]): Promise<string[]> {
  const unique = [...new Set(teamIds)];
  const found = await new TeamsRepository(env).byIds(workspaceId, unique);
  const known = new Set(found.map((t) => t._id));
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new ApiError(
      "validation_failed",
      `These teams are not teams of this workspace: ${unknown.join(", ")}.`,
      unknown.map((id) => ({ path: "teamIds", message: `${id} is not a team here` })),
    );
  }
  return unique;
}

/**
 * What may be published: the built draft, and its agents.json only when an owner or admin approved
 * exactly this version of it. Returns the draft and the approval that goes with it.
 */
export async function publishableDraft(env: Env, app: AppDoc): Promise<{ draft: SnapshotDoc; agents: AgentsApproval | null }> {
  const draft = app.draftSnapshot ? await new SnapshotsRepository(env).get(app.workspaceId, app._id, "draft") : null;
  if (!draft) throw new ApiError("conflict", "Nothing is built yet: ask the builder for the app first, then publish it.");
  const files = filesOf(draft);
  if (files["dist/index.html"] === undefined) throw new ApiError("conflict", "The draft has no built app (dist/index.html); let the builder finish a successful build first.");
  if (files["agents.json"] === undefined) return { draft, agents: null };
  const agents = await agentsOfFiles(files);
  if (!agents.ok) throw new ApiError("conflict", `The app cannot be published: ${agents.problem}`);
  // An agents.json that declares no agents grants nothing, so there is nothing to approve.
  if (agents.config.agents.length === 0) return { draft, agents: null };
  const approval = app.draftAgentsApproval;
  if (!approval || approval.hash !== agents.hash) {
    throw new ApiError("conflict", "The app cannot be published: its agents.json is not approved. An owner or admin approves it in the Agents tab first.");
  }
  return { draft, agents: approval };
}

interface PromoteInput {
  files: SourceFiles;
  agents: AgentsApproval | null;
  teamIds: string[];
  by: Publisher;
  reviewId: string | null;
  restoredFrom: VersionDoc | null;
}

type SourceFiles = Record<string, string>;

/**
 * Makes `files` the app's published snapshot: the published row of app_source_snapshots, a new
 * version in the history, and the app's pointers. The draft is never touched.
 */
export async function promote(env: Env, app: AppDoc, input: PromoteInput): Promise<AppDoc> {
  const snapshots = new SnapshotsRepository(env);
  const meta = await snapshots.save(app.workspaceId, app._id, "published", input.files);
  const published = await snapshots.get(app.workspaceId, app._id, "published");
  if (!published) throw new Error("the published snapshot vanished right after it was saved");
  const at = new Date();
  const { version, write: versionWrite } = new VersionsRepository(env).insertOp({
    workspaceId: app.workspaceId,
    appId: app._id,
    hash: meta.hash,
    files: published.files,
    manifest: await manifestOf(published),
    fileCount: meta.fileCount,
    bytes: meta.bytes,
    agents: input.agents,
    teamIds: input.teamIds,
    publishedAt: at,
    publishedByUserId: input.by.id,
    publishedByName: input.by.displayName,
    reviewId: input.reviewId,
    restoredFromVersionId: input.restoredFrom?._id ?? null,
  });
  // The app's pointers, the version row, the audit record and the event: kept together or not at all.
  const updated = await recordChange(env, {
    write: new AppsRepository(env).setPublishedOp(app.workspaceId, app._id, {
      snapshot: meta,
      agents: input.agents,
      versionId: version._id,
      teamIds: input.teamIds,
      byUserId: input.by.id,
      at,
    }),
    also: [versionWrite],
    audit: {
      workspaceId: app.workspaceId,
      eventName: input.restoredFrom ? "app.rolled_back" : "app.published",
      category: "apps",
      actor: actorOfPublisher(input.by),
      target: { type: "app", id: app._id },
      metadata: {
        hash: meta.hash.slice(0, 16),
        fileCount: meta.fileCount,
        teams: input.teamIds.length,
        agentsHash: input.agents ? input.agents.hash.slice(0, 16) : null,
        ...(input.restoredFrom ? { restoredFromHash: input.restoredFrom.hash.slice(0, 16) } : {}),
      },
      changes: { teamIds: [app.teamIds, input.teamIds], publishedHash: [app.publishedSnapshot?.hash ?? null, meta.hash] },
      relatedIds: {
        appId: app._id,
        versionId: version._id,
        ...(input.reviewId ? { reviewId: input.reviewId } : {}),
        ...(input.restoredFrom ? { restoredFromVersionId: input.restoredFrom._id } : {}),
      },
    },
    event: { workspaceId: app.workspaceId, type: "app.published", scopes: ["apps", "reviews"], ids: { appId: app._id, versionId: version._id }, status: "published" },
  });
  if (!updated) throw notFound("app");
  // The schedules follow the published agents.json from now on (docs/decisions/0025).
  await env.AGENT_SCHEDULER.getByName(app._id).sync(app.workspaceId, app._id);
  return updated;
}

/**
 * Withdraws the published version: the host page and published bundle answer 404, the published
 * agents can no longer run and their schedules stop. Published data and version history stay, so
 * publishing again brings the app back as it was. The draft is never touched.
 */
export async function unpublish(env: Env, app: AppDoc, by: Publisher): Promise<AppDoc> {
  if (!app.publishedSnapshot) throw new ApiError("conflict", "This app is not published.");
  const publishStatus = app.publishStatus === "in_review" ? "in_review" : "draft";
  const updated = await recordChange(env, {
    write: new AppsRepository(env).setUnpublishedOp(app.workspaceId, app._id, publishStatus),
    audit: {
      workspaceId: app.workspaceId,
      eventName: "app.unpublished",
      category: "apps",
      actor: actorOfPublisher(by),
      target: { type: "app", id: app._id },
      metadata: { hash: app.publishedSnapshot.hash.slice(0, 16), agentsHash: app.publishedAgents ? app.publishedAgents.hash.slice(0, 16) : null },
      changes: { publishedHash: [app.publishedSnapshot.hash, null] },
      relatedIds: { appId: app._id, ...(app.publishedVersionId ? { versionId: app.publishedVersionId } : {}) },
    },
    event: { workspaceId: app.workspaceId, type: "app.updated", scopes: ["apps", "reviews"], ids: { appId: app._id }, status: publishStatus },
  });
  if (!updated) throw notFound("app");
  await new SnapshotsRepository(env).removePublished(app.workspaceId, app._id);
  // Schedules stop here; they do not fall back to the draft until an admin approves it again (docs/decisions/0025).
  await env.AGENT_SCHEDULER.getByName(app._id).stop();
  return updated;
}

/** Rollback: publish an older version's files and agents again (a new version row, audited). */
export async function restoreVersion(env: Env, app: AppDoc, versionId: string, by: Publisher): Promise<AppDoc> {
  const version = await new VersionsRepository(env).get(app.workspaceId, app._id, versionId);
  if (!version) throw notFound("version");
  if (version._id === app.publishedVersionId) throw new ApiError("conflict", "This version is already the published one.");
  const files = Object.fromEntries(version.files.map((f) => [f.path, f.content]));
  return promote(env, app, { files, agents: version.agents, teamIds: app.teamIds.length ? app.teamIds : version.teamIds, by, reviewId: null, restoredFrom: version });
}
