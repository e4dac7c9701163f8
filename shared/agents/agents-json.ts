import { z } from "zod";

/** agents.json: the app agents an app may start, approved by an admin by its canonical-JSON hash. */
export const agentDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Agent ids are lowercase letters, digits and dashes."),
  name: z.string().min(1).max(80),
  description: z.string().max(500).default(""),
  instructions: z.string().min(1).max(20_000),
  /** Collections the agent may read and write; none means no data tools. */
  dataCollections: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(50).default([]),
});
export const agentsJsonSchema = z.object({ agents: z.array(agentDefinitionSchema).max(20) });
export type AgentsJson = z.infer<typeof agentsJsonSchema>;
