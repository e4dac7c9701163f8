import { z } from "zod";
import { authModeSchema } from "./setup.ts";

export const grantStatusSchema = z.enum(["needs_setup", "configured"]);
export type GrantStatus = z.infer<typeof grantStatusSchema>;

/**
 * One app-scoped integration grant as the API shows it. `secrets` says which secrets the grant
 * needs and whether each is set; a secret's value never leaves the platform.
 */
export const integrationGrantSchema = z.object({
  id: z.string(),
  appId: z.string(),
  domain: z.string(),
  keySlug: z.string(),
  authMode: authModeSchema,
  displayName: z.string(),
  permissionGroups: z.array(z.string()),
  setupSteps: z.array(z.string()),
  secrets: z.array(z.object({ name: z.string(), label: z.string(), set: z.boolean() })),
  status: grantStatusSchema,
  requestedBy: z.object({ userId: z.string(), displayName: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IntegrationGrant = z.infer<typeof integrationGrantSchema>;

/** GET /api/workspaces/:wId/integrations and GET .../apps/:aId/integrations */
export const integrationGrantListSchema = z.object({ integrations: z.array(integrationGrantSchema) });
export type IntegrationGrantList = z.infer<typeof integrationGrantListSchema>;

/** PUT .../integrations/:integrationId/credential: the named secrets are set (others keep their values). */
export const putCredentialBodySchema = z
  .object({
    secrets: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "A secret name is a letter then letters, digits or underscores."), z.string().min(1).max(8192))
      .refine((s) => Object.keys(s).length > 0, "Name at least one secret."),
  })
  .strict();
export type PutCredentialBody = z.infer<typeof putCredentialBodySchema>;

/** The answer of PUT and DELETE: the grant as it is now (never a value). */
export const credentialAnswerSchema = z.object({ integration: integrationGrantSchema });
