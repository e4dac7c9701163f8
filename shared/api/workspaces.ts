import { z } from "zod";
import { roleSchema } from "./roles.ts";
import { emailSchema, displayNameSchema } from "./identity.ts";

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "At least 2 characters.")
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes.");

/** Name limits the forms show up front. */
export const WORKSPACE_LIMITS = { name: 80, teamName: 60 } as const;

export const createWorkspaceBodySchema = z.object({ name: z.string().trim().min(1, "Name the workspace.").max(WORKSPACE_LIMITS.name), slug: slugSchema.optional() }).strict();
export const updateWorkspaceBodySchema = z.object({ name: z.string().trim().min(1).max(WORKSPACE_LIMITS.name) }).strict();

export const workspaceSchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), createdAt: z.string(), role: roleSchema });
export type Workspace = z.infer<typeof workspaceSchema>;

export const memberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: roleSchema,
  joinedAt: z.string(),
  teamIds: z.array(z.string()),
});
export type Member = z.infer<typeof memberSchema>;

export const updateMemberBodySchema = z.object({ role: roleSchema }).strict();
/** `none` auth mode only: add a local person directly (invitations need external auth). */
export const addMemberBodySchema = z.object({ email: emailSchema, displayName: displayNameSchema, role: roleSchema.default("member") }).strict();

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  isDefault: z.boolean(),
  memberCount: z.number(),
  createdAt: z.string(),
});
export type Team = z.infer<typeof teamSchema>;
export const createTeamBodySchema = z.object({ name: z.string().trim().min(1, "Name the team.").max(WORKSPACE_LIMITS.teamName) }).strict();
export const updateTeamBodySchema = createTeamBodySchema;
export const addTeamMemberBodySchema = z.object({ userId: z.string().min(1) }).strict();

export const invitationStatusSchema = z.enum(["pending", "accepted", "revoked"]);
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  status: invitationStatusSchema,
  teamIds: z.array(z.string()),
  invitedByUserId: z.string(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;
export const createInvitationBodySchema = z.object({ email: emailSchema, role: roleSchema.default("member"), teamIds: z.array(z.string()).max(50).default([]) }).strict();
