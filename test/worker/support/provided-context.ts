// Values global-setup.ts provides to the workerd tests (vitest `inject`).
declare module "vitest" {
  interface ProvidedContext {
    runnerUrl: string;
    /** The private JWK the Worker signs capabilities with (tests mint call-backs with it). */
    capabilityKey: string;
    /** The stand-in CRM (scripts/dev-crm.mjs) tools call in the integration tests: its origin and API key. */
    crmUrl: string;
    crmApiKey: string;
    /** The OAuth provider stand-in (test/support/oauth-provider-stand-in.ts). */
    oauthProviderUrl: string;
  }
}
export {};
