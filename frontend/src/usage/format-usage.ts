import { DEMO_MODEL } from "../../../shared/api/model-pricing.ts";
import { DEMO_MODEL_LABEL } from "../../../shared/api/usage.ts";

/** Dollars as people read a bill: cents when it is cents, four decimals below a cent. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export const formatTokens = (n: number) => n.toLocaleString("en-US");

/** One turn's figures in the chat: model, tokens, cache, and its cost ("free" for the demo model). */
export function turnUsageLine(usage: {
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  calls?: number;
}): string {
  const parts = [usage.model === DEMO_MODEL ? DEMO_MODEL_LABEL : usage.model, `${formatTokens(usage.inputTokens)} in / ${formatTokens(usage.outputTokens)} out`];
  const cached = (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0);
  if (cached > 0) parts.push(`${formatTokens(usage.cacheReadTokens ?? 0)} cache read / ${formatTokens(usage.cacheWriteTokens ?? 0)} written`);
  if (usage.calls !== undefined) parts.push(`${usage.calls} model call${usage.calls === 1 ? "" : "s"}`);
  if (usage.model !== DEMO_MODEL) parts.push(formatUsd(usage.costUsd));
  return parts.join(" · ");
}
