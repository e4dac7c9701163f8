import Anthropic from "@anthropic-ai/sdk";

/**
 * The Anthropic client for builder turns: the real API with ANTHROPIC_API_KEY (or any endpoint in
 * ANTHROPIC_BASE_URL), otherwise the offline demo model this runner serves itself.
 */
export function modelClient(env: NodeJS.ProcessEnv, ownUrl: string): { client: Anthropic; demo: boolean } {
  if (env.ANTHROPIC_API_KEY) {
    return { client: new Anthropic({ apiKey: env.ANTHROPIC_API_KEY, ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}) }), demo: false };
  }
  return { client: new Anthropic({ apiKey: "demo-model", baseURL: env.ANTHROPIC_BASE_URL ?? `${ownUrl}/demo-model` }), demo: true };
}
