import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";
import type { Model } from "@anthropic-ai/sdk/resources/messages";
import { BUILDER_MODELS, builderModelsBody, DEFAULT_BUILDER_MODEL } from "../../shared/api/models.ts";

// Compile time: every offered model is a named member of the installed SDK's Model union.
type NamedModel = Extract<Model, `claude-${string}`>;
const offered: readonly NamedModel[] = BUILDER_MODELS;

describe("builder models", () => {
  it("offers only models the installed SDK does not deprecate, defaulting to the first", () => {
    const require = createRequire(import.meta.url);
    const sdk = path.dirname(require.resolve("@anthropic-ai/sdk"));
    // The SDK keeps its deprecation table internal; read the same file its warning uses.
    const { DEPRECATED_MODELS } = require(path.join(sdk, "internal", "data", "deprecated-models.js")) as { DEPRECATED_MODELS: Record<string, string> };
    assert.ok(Object.keys(DEPRECATED_MODELS).includes("claude-sonnet-4-5"), "the table is the one that warns about the old default");
    for (const model of offered) assert.equal(DEPRECATED_MODELS[model], undefined, `${model} is deprecated`);
    assert.equal(DEFAULT_BUILDER_MODEL, BUILDER_MODELS[0]);
  });

  it("says when turns run offline and keeps a configured default only if it is offered", () => {
    assert.equal(builderModelsBody(true, undefined).offline, true);
    assert.equal(builderModelsBody(false, "claude-opus-5-5").default, "claude-opus-5-5");
    assert.equal(builderModelsBody(false, "claude-sonnet-4-5").default, DEFAULT_BUILDER_MODEL);
  });
});
