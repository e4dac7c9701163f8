/**
 * The iframe's integration messages live in the bridge protocol (one self-contained file that app
 * builds import as @second/protocol); this names them for the platform's side.
 */
export { integrationExecuteRequestSchema, integrationResultMessageSchema } from "../bridge/protocol.ts";
export type { IntegrationExecuteRequest, IntegrationResultMessage } from "../bridge/protocol.ts";
