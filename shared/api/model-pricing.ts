import type { ModelUsage } from "./model-call.ts";

/**
 * The one price table of the platform: US dollars per million tokens, Anthropic's list prices
 * (checked November 2026 against the pricing page for the models the builder offers). Cache writes
 * are priced at the 5-minute rate, the only cache lifetime the platform's runs ask for.
 */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

interface PriceEntry extends ModelPrice {
  /** A request whose prompt (input + cache reads + cache writes) exceeds this is billed at `long`. */
  longPrompt?: { thresholdTokens: number; price: ModelPrice };
}

const price = (input: number, output: number, cacheWrite: number, cacheRead: number): ModelPrice => ({ input, output, cacheWrite, cacheRead });

/** The offline demo model: nothing leaves the machine, nothing is billed. */
export const DEMO_MODEL = "demo";

export const MODEL_PRICES: Readonly<Record<string, PriceEntry>> = {
  "claude-opus-5-5": price(4, 20, 5, 0.2),
  "claude-sonnet-5-5": price(2, 10, 2.5, 0.1),
  "claude-haiku-5-5": { ...price(0.1, 0.5, 0.125, 0.01), longPrompt: { thresholdTokens: 100_000, price: price(0.5, 2.5, 0.625, 0.05) } },
  "claude-opus-5": price(5, 25, 6.25, 0.5),
  "claude-sonnet-5": price(2, 10, 2.5, 0.2),
  "claude-opus-4-1": price(15, 75, 18.75, 1.5),
  "claude-sonnet-4-5": price(3, 15, 3.75, 0.3),
  "claude-haiku-4-5": price(1, 5, 1.25, 0.1),
  [DEMO_MODEL]: price(0, 0, 0, 0),
};

/**
 * A model id the table does not name (a dated snapshot, a newer release) is priced as the most
 * expensive entry of its family, so spend is never under-reported; an unknown family as Opus 5.5.
 */
function entryOf(model: string): PriceEntry {
  const exact = MODEL_PRICES[model];
  if (exact) return exact;
  const family = ["opus", "sonnet", "haiku"].find((name) => model.includes(name)) ?? "opus";
  const candidates = Object.entries(MODEL_PRICES).filter(([id]) => id.includes(family));
  return candidates.reduce((dearest, [, entry]) => (entry.output > dearest.output ? entry : dearest), candidates[0]![1]);
}

/** The list price of one model call, in dollars, rounded to a millionth of a dollar. */
export function callCostUsd(model: string, usage: ModelUsage): number {
  const entry = entryOf(model);
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
  const p = entry.longPrompt && prompt > entry.longPrompt.thresholdTokens ? entry.longPrompt.price : entry;
  const dollars = (usage.inputTokens * p.input + usage.outputTokens * p.output + usage.cacheCreationTokens * p.cacheWrite + usage.cacheReadTokens * p.cacheRead) / 1_000_000;
  return Math.round(dollars * 1e6) / 1e6;
}

/** Input and output only (what the runner reports for a turn it cannot see the cache of). */
export function costUsd(model: string, inputTokens: number, outputTokens: number): number {
  return callCostUsd(model, { inputTokens, outputTokens, cacheReadTokens: 0, cacheCreationTokens: 0 });
}
