import type { Env } from "../../platform/env.ts";
import { CollectionClient } from "../../platform/store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import { callCostUsd } from "../../shared/api/model-pricing.ts";
import { utcDay, type UsageRunKind } from "../../shared/api/usage.ts";
import type { ModelUsage } from "../../shared/api/model-call.ts";

/** Who a metered call is charged to. `userId` is null only for calls of runs started before runs were charged to people. */
export interface UsageSubject {
  workspaceId: string;
  appId: string;
  runId: string;
  runKind: UsageRunKind;
  /** The builder turn or agent run capability the call was made with. */
  callerId: string;
  userId: string | null;
  model: string;
}

export interface ModelUsageDoc extends UsageSubject {
  _id: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  createdAt: Date;
}

export interface ModelUsageDailyDoc {
  _id: string;
  workspaceId: string;
  day: string;
  appId: string;
  userId: string;
  model: string;
  runKind: UsageRunKind;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  calls: number;
}

/** The daily rollup keys calls charged to nobody (runs from before runs were charged to people) under this user id. */
export const NO_USER = "";

/**
 * Records one metered model call: a row of its own (the ledger) and its share of the day's rollup
 * (what the Usage page reads). Priced here, with the one table in shared/api/model-pricing.ts.
 */
export async function recordModelCall(env: Env, subject: UsageSubject, usage: ModelUsage, at = new Date()): Promise<ModelUsageDoc> {
  const costUsd = callCostUsd(subject.model, usage);
  const row: ModelUsageDoc = {
    _id: newId("use"),
    ...subject,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheCreationTokens,
    costUsd,
    createdAt: at,
  };
  await new CollectionClient<ModelUsageDoc>(env, "model_usage").insertOne(row);
  await new CollectionClient<ModelUsageDailyDoc>(env, "model_usage_daily").updateOne(
    { workspaceId: subject.workspaceId, day: utcDay(at), appId: subject.appId, userId: subject.userId ?? NO_USER, model: subject.model, runKind: subject.runKind },
    { $inc: { inputTokens: row.inputTokens, outputTokens: row.outputTokens, cacheReadTokens: row.cacheReadTokens, cacheWriteTokens: row.cacheWriteTokens, costUsd, calls: 1 } },
    { upsert: true },
  );
  return row;
}

/** At most this many day rollups are summed per request; a range holding more is refused. */
export const DAILY_READ_LIMIT = 20_000;

/** The day rollups of a workspace between two UTC days, both included. */
export function dailyUsage(env: Env, workspaceId: string, fromDay: string, toDay: string): Promise<ModelUsageDailyDoc[]> {
  return new CollectionClient<ModelUsageDailyDoc>(env, "model_usage_daily").find({ workspaceId, day: { $gte: fromDay, $lte: toDay } }, { limit: DAILY_READ_LIMIT });
}
