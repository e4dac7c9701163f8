import { z } from "zod";

/**
 * integration-setup.json: the outside systems an app asks for, written by the builder and shown to
 * people as a setup card (docs/http-api.md#integrations). Each entry becomes one app-scoped grant,
 * keyed by domain + keySlug; a grant grants nothing until an owner or admin configures it.
 */

/** A DNS name (lowercase letters, digits, dashes, at least two labels, no port, no IP address). */
export const integrationDomainSchema = z
  .string()
  .min(3)
  .max(253)
  .transform((d) => d.toLowerCase())
  .refine(
    (d) => /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(d),
    "A domain is a DNS name such as api.example.com (no scheme, port, path or IP address).",
  );

export const keySlugSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "A key slug is 1-64 lowercase letters, digits, dashes or underscores.");
export const secretNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "A secret name is a letter then up to 63 letters, digits or underscores.");
export const authModeSchema = z.enum(["api_key", "bearer", "oauth"]);
export type AuthMode = z.infer<typeof authModeSchema>;

export const integrationRequestSchema = z
  .object({
    domain: integrationDomainSchema,
    keySlug: keySlugSchema.default("default"),
    authMode: authModeSchema,
    displayName: z.string().trim().min(1).max(80),
    permissionGroups: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    setupSteps: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
    secrets: z
      .array(z.object({ name: secretNameSchema, label: z.string().trim().min(1).max(100) }).strict())
      .max(10)
      .default([]),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const names = entry.secrets.map((s) => s.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) ctx.addIssue({ code: "custom", path: ["secrets", i, "name"], message: `Secret "${name}" is listed twice.` });
    });
    if (entry.authMode !== "oauth" && names.length === 0) {
      ctx.addIssue({ code: "custom", path: ["secrets"], message: `An ${entry.authMode} integration names at least one secret the admin sets.` });
    }
  });
export type IntegrationRequest = z.infer<typeof integrationRequestSchema>;

export const integrationSetupSchema = z
  .object({ integrations: z.array(integrationRequestSchema).max(20) })
  .strict()
  .superRefine((setup, ctx) => {
    const keys = setup.integrations.map((i) => `${i.domain} ${i.keySlug}`);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) ctx.addIssue({ code: "custom", path: ["integrations", i], message: `${key.replace(" ", " / ")} is listed twice.` });
    });
  });
export type IntegrationSetup = z.infer<typeof integrationSetupSchema>;

/** Where the builder keeps it in the app's files. */
export const INTEGRATION_SETUP_FILE = "integration-setup.json";

/** The presented setup as the chat card shows it (the tool's output, after the runner validated it). */
export const presentedIntegrationSetupSchema = z.object({ setup: integrationSetupSchema, message: z.string() });
export type PresentedIntegrationSetup = z.infer<typeof presentedIntegrationSetupSchema>;
