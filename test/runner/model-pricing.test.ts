import { test } from "node:test";
import assert from "node:assert/strict";
import { callCostUsd, costUsd, DEMO_MODEL, MODEL_PRICES } from "../../shared/api/model-pricing.ts";
import { BUILDER_MODELS } from "../../shared/api/runs.ts";

const usage = (inputTokens: number, outputTokens: number, cacheReadTokens = 0, cacheCreationTokens = 0) => ({ inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens });
const MILLION = 1_000_000;

test("every model the builder offers has its own row in the price table", () => {
  for (const model of BUILDER_MODELS) assert.ok(MODEL_PRICES[model], `${model} has no price`);
});

const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} is not ${expected}`);

test("100k tokens of each kind cost a tenth of the listed price per million", () => {
  for (const [model, price] of Object.entries(MODEL_PRICES)) {
    near(callCostUsd(model, usage(100_000, 0)), price.input / 10, `${model} input`);
    near(callCostUsd(model, usage(0, 100_000)), price.output / 10, `${model} output`);
    near(callCostUsd(model, usage(0, 0, 100_000)), price.cacheRead / 10, `${model} cache read`);
    near(callCostUsd(model, usage(0, 0, 0, 100_000)), price.cacheWrite / 10, `${model} cache write`);
  }
});

test("list prices of the current models (dollars per million tokens)", () => {
  assert.deepEqual({ ...MODEL_PRICES["claude-opus-5-5"] }, { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 });
  assert.deepEqual({ ...MODEL_PRICES["claude-sonnet-5-5"] }, { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 });
  const haiku = MODEL_PRICES["claude-haiku-5-5"]!;
  assert.deepEqual([haiku.input, haiku.output, haiku.cacheWrite, haiku.cacheRead], [0.1, 0.5, 0.125, 0.01]);
});

test("Haiku 5.5 bills a prompt over 100k tokens (input, cache read and write together) at the long-prompt rate", () => {
  near(callCostUsd("claude-haiku-5-5", usage(60_000, 1000, 40_000, 0)), (60_000 * 0.1 + 1000 * 0.5 + 40_000 * 0.01) / MILLION, "100k prompt");
  near(callCostUsd("claude-haiku-5-5", usage(60_000, 1000, 40_020, 0)), (60_000 * 0.5 + 1000 * 2.5 + 40_020 * 0.05) / MILLION, "longer prompt");
});

test("the demo model is free; an unknown model is priced as the dearest of its family, never as free", () => {
  assert.equal(callCostUsd(DEMO_MODEL, usage(MILLION, MILLION, MILLION, MILLION)), 0);
  assert.equal(costUsd("claude-opus-5-5-20261101", MILLION, 0), 15); // Opus 4.1 is the dearest Opus listed
  assert.equal(costUsd("claude-sonnet-9", 0, MILLION), 15);
  assert.equal(costUsd("something-else", MILLION, 0), 15);
});
