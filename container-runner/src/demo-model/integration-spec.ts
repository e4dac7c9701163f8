import { integrationDomainSchema, type IntegrationSetup } from "../../../shared/integrations/setup.ts";
import type { AppSpec } from "./spec.ts";

/**
 * "… that syncs contacts with our CRM at crm.example.com": the description asks for a CRM
 * integration. An optional "(API at http://127.0.0.1:8799)" sends the calls to another origin
 * (the local stand-in CRM, docs/integrations-local.md); the grant stays on the named domain.
 */
const CRM_PHRASE =
  /\s*,?\s*(?:and\s+|that\s+|which\s+)?syncs?\s+(?:its\s+|the\s+|our\s+)?contacts\s+with\s+(?:our|the|a|an)\s+CRM\s+at\s+([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?:\s*\(\s*API\s+at\s+(https?:\/\/[^\s)]{1,200})\s*\))?/i;

export const CRM_TOOL = "crm_lookup";

/** The description without its CRM phrase, and the integration it asks for (null when none or the domain is unusable). */
export function splitCrmPhrase(text: string): { rest: string; integration: AppSpec["integration"] | null } {
  const match = CRM_PHRASE.exec(text);
  if (!match) return { rest: text, integration: null };
  const rest = `${text.slice(0, match.index)}${text.slice(match.index + match[0].length)}`.trim();
  const domain = integrationDomainSchema.safeParse(match[1]);
  if (!domain.success) return { rest, integration: null };
  const apiOrigin = match[2] ? originOf(match[2]) : `https://${domain.data}`;
  return { rest, integration: apiOrigin ? { domain: domain.data, apiOrigin, toolName: CRM_TOOL } : null };
}

function originOf(raw: string): string | null {
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}

/** integration-setup.json for the app's CRM: one API key an admin sets. */
export function integrationSetupFor(spec: AppSpec): IntegrationSetup {
  if (!spec.integration) return { integrations: [] };
  return {
    integrations: [
      {
        domain: spec.integration.domain,
        keySlug: "default",
        authMode: "api_key",
        displayName: "CRM",
        permissionGroups: ["Read contacts"],
        setupSteps: ["Open the CRM's settings", "Create an API key that may read contacts", "Paste it here"],
        secrets: [{ name: "apiKey", label: "API key" }],
      },
    ],
  };
}

/** The app tool (agents.json appTools) the app's lookup button calls: GET contacts by email, with the key. */
export function crmToolFor(integration: NonNullable<AppSpec["integration"]>): Record<string, unknown> {
  return {
    name: integration.toolName,
    type: "custom",
    displayName: "Look a contact up in the CRM",
    description: "Finds the CRM's contacts with an email address.",
    integration: { domain: integration.domain, keySlug: "default" },
    endpoint: { method: "GET", url: `${integration.apiOrigin}/contacts?email={{input.email}}`, headers: { "x-api-key": "{{secrets.apiKey}}" } },
    inputSchema: { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
  };
}
