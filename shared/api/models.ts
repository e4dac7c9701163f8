import { z } from "zod";

/**
 * The builder models the picker offers: the newest of each family in the installed
 * @anthropic-ai/sdk's `Model` union, none in its deprecation table (test/runner/builder-models.test.ts
 * keeps it so). The first is the default.
 */
export const BUILDER_MODELS = ["claude-sonnet-5-5", "claude-opus-5-5", "claude-haiku-5-5"] as const;
export const builderModelSchema = z.enum(BUILDER_MODELS, { error: `Choose one of the offered models: ${BUILDER_MODELS.join(", ")}.` });
export type BuilderModel = z.infer<typeof builderModelSchema>;
export const DEFAULT_BUILDER_MODEL: BuilderModel = "claude-sonnet-5-5";

const LABELS: Record<BuilderModel, string> = {
  "claude-sonnet-5-5": "Claude Sonnet 5.5",
  "claude-opus-5-5": "Claude Opus 5.5",
  "claude-haiku-5-5": "Claude Haiku 5.5",
};

/** GET /api/builder-models */
export const builderModelsBodySchema = z.object({
  models: z.array(z.object({ id: z.enum(BUILDER_MODELS), label: z.string() })),
  default: z.enum(BUILDER_MODELS),
  /** No API key is configured: turns run on the offline demo model whatever is picked. */
  offline: z.boolean(),
});
export type BuilderModelsBody = z.infer<typeof builderModelsBodySchema>;

export const builderModelsBody = (offline: boolean, preferred: string | undefined): BuilderModelsBody => ({
  models: BUILDER_MODELS.map((id) => ({ id, label: LABELS[id] })),
  default: builderModelSchema.safeParse(preferred).data ?? DEFAULT_BUILDER_MODEL,
  offline,
});
