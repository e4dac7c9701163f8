import type { Tool } from "@anthropic-ai/sdk/resources/messages";

/** present_integration_setup's input as the model sees it; the tool validates with the shared schema. */
export const integrationSetupInputSchema: Tool["input_schema"] = {
  type: "object",
  properties: {
    integrations: {
      type: "array",
      items: {
        type: "object",
        properties: {
          domain: { type: "string", description: "The API's host name, e.g. api.hubapi.com (no scheme, no path)." },
          keySlug: { type: "string", description: 'Tells two credentials for the same domain apart; default "default".' },
          authMode: { type: "string", enum: ["api_key", "bearer", "oauth"] },
          displayName: { type: "string" },
          permissionGroups: { type: "array", items: { type: "string" }, description: 'What the app will do there, e.g. "Read contacts".' },
          setupSteps: { type: "array", items: { type: "string" }, description: "How an admin gets the credential, step by step." },
          secrets: {
            type: "array",
            items: { type: "object", properties: { name: { type: "string" }, label: { type: "string" } }, required: ["name", "label"] },
          },
        },
        required: ["domain", "authMode", "displayName"],
      },
    },
  },
  required: ["integrations"],
};
