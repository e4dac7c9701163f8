import type { AuditEvent } from "../../../shared/api/audit.ts";

/** Names the log can put in sentences instead of ids. */
export interface AuditNames {
  user: (id: string) => string | undefined;
  app: (id: string) => string | undefined;
  team: (id: string) => string | undefined;
}

const roleName = (role: unknown) => (typeof role === "string" ? role.replace(/_/g, " ") : "");

export const categoryLabels: Record<string, string> = {
  workspace: "Workspace",
  members: "Members",
  teams: "Teams",
  apps: "Apps",
  access: "Access",
  app_data: "App data",
  integrations: "Integrations",
};

export const eventLabels: Record<string, string> = {
  "app.created": "App created",
  "app.updated": "App changed",
  "app.deleted": "App deleted",
  "app.restored": "App restored",
  "app.draft_saved": "Draft saved",
  "agent_config.approved": "Agents approved",
  "authorization.denied": "Access refused",
  "member.added": "Member added",
  "member.role_changed": "Role changed",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "member.joined": "Member joined",
  "member.invited": "Invitation sent",
  "member.invitation_revoked": "Invitation revoked",
  "team.created": "Team created",
  "team.renamed": "Team renamed",
  "team.deleted": "Team deleted",
  "team.member_added": "Added to team",
  "team.member_removed": "Removed from team",
  "workspace.created": "Workspace created",
  "workspace.renamed": "Workspace renamed",
};

/** "member.role_changed" -> "Member role changed", for events this page has no sentence for yet. */
const humanize = (eventName: string) => {
  const text = eventName.replace(/[._]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** One event as a sentence a person can read ("Ada deleted the app Lead tracker"). */
export function auditSentence(e: AuditEvent, names: AuditNames): string {
  const who = e.actor.displayName ?? names.user(e.actor.id) ?? (e.actor.type === "user" ? "Someone" : `The ${e.actor.type}`);
  const meta = e.metadata;
  const appName = names.app(e.target.id) ?? (typeof meta.appName === "string" ? meta.appName : "an app");
  const userName = names.user(e.target.id) ?? "a former member";
  const teamName = names.team(e.target.id) ?? (typeof meta.name === "string" ? meta.name : "a team");
  const relatedUser = e.relatedIds.userId ? (names.user(e.relatedIds.userId) ?? "a former member") : "someone";
  const fields = e.changes.map((c) => c.field).join(", ");
  switch (e.eventName) {
    case "app.created":
      return `${who} created the app ${appName}`;
    case "app.updated":
      return fields ? `${who} changed the ${fields} of ${appName}` : `${who} changed ${appName}`;
    case "app.deleted":
      return `${who} deleted the app ${appName}`;
    case "app.restored":
      return `${who} restored the app ${appName}`;
    case "app.draft_saved":
      return `A new draft of ${appName} was saved`;
    case "agent_config.approved":
      return `${who} approved the agents of ${appName}`;
    case "authorization.denied":
      return `${who} was refused: their ${roleName(meta.role)} role does not allow ${String(meta.permission ?? "this").replace(/[:_]/g, " ")}`;
    case "member.added":
      return `${who} added ${userName} as ${roleName(meta.role)}`;
    case "member.role_changed":
      return `${who} changed ${userName}'s role from ${roleName(meta.from)} to ${roleName(meta.to)}`;
    case "member.removed":
      return `${who} removed ${userName} from the workspace`;
    case "member.left":
      return `${who} left the workspace`;
    case "member.joined":
      return `${who} joined the workspace`;
    case "member.invited":
      return `${who} invited someone as ${roleName(meta.role)}`;
    case "member.invitation_revoked":
      return `${who} revoked an invitation`;
    case "team.created":
      return `${who} created the team ${teamName}`;
    case "team.renamed":
      return `${who} renamed the team ${teamName}`;
    case "team.deleted":
      return `${who} deleted the team ${teamName}`;
    case "team.member_added":
      return `${who} added ${relatedUser} to ${teamName}`;
    case "team.member_removed":
      return `${who} removed ${relatedUser} from ${teamName}`;
    case "workspace.created":
      return `${who} created the workspace`;
    case "workspace.renamed":
      return `${who} renamed the workspace`;
    default:
      return `${who}: ${humanize(e.eventName).toLowerCase()}`;
  }
}
