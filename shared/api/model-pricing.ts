/** Dollars per million tokens (input, output); unknown models are priced as the default tier. */
const PRICES: Record<string, [number, number]> = {
  opus: [15, 75],
  sonnet: [3, 15],
  haiku: [0.8, 4],
  demo: [0, 0],
};

export function costUsd(model: string, inputTokens: number, outputTokens: number): number {
  const tier = Object.keys(PRICES).find((name) => model.includes(name)) ?? "sonnet";
  const [input, output] = PRICES[tier]!;
  return Math.round(((inputTokens * input + outputTokens * output) / 1_000_000) * 1e6) / 1e6;
}
