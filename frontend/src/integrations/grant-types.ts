import type { z } from "zod";
import type { AuthMode, integrationRequestSchema } from "../../../shared/integrations/setup.ts";

export type { AuthMode } from "../../../shared/integrations/setup.ts";
export type { GrantStatus, IntegrationGrant } from "../../../shared/integrations/grant.ts";

/** One entry of integration-setup.json as the model wrote it (the card renders the tool's input, before defaults). */
export type IntegrationRequest = z.input<typeof integrationRequestSchema>;

export const authModeLabel: Record<AuthMode, string> = { api_key: "API key", bearer: "Bearer token", oauth: "OAuth (each person connects)" };
