import { Hono } from "hono";
import type { AppEnv } from "../http/app-types.ts";
import { ApiError } from "../../platform/api-error.ts";
import { queryParams } from "../http/validate.ts";
import { requirePermission } from "../guard/workspace-context.ts";
import { dailyUsage, DAILY_READ_LIMIT } from "../usage/usage-ledger.ts";
import { groupUsage, usageCsv, type UsageLabels } from "../usage/usage-report.ts";
import { AppsRepository } from "../../platform/repositories/apps.ts";
import { UsersRepository } from "../../platform/repositories/users.ts";
import { usageQuerySchema, type UsageResponse } from "../../shared/api/usage.ts";

/** GET /api/workspaces/:wId/usage: model usage and its cost, grouped by app, person, day or model (owners and admins). */
export const usageRoutes = new Hono<AppEnv>().get("/", queryParams(usageQuerySchema), async (c) => {
  const { workspace } = await requirePermission(c, "usage:read");
  const q = c.req.valid("query");
  const docs = await dailyUsage(c.env, workspace._id, q.fromDay, q.toDay);
  if (docs.length >= DAILY_READ_LIMIT)
    throw new ApiError("validation_failed", "This range holds too much usage to sum at once: choose a shorter one.", [{ path: "from", message: "Range too large" }]);
  const labels: UsageLabels = { apps: new Map(), users: new Map() };
  if (q.groupBy === "app") {
    const apps = await new AppsRepository(c.env).listVisible(workspace._id, true, "", []);
    for (const app of apps) labels.apps.set(app._id, app.name);
  }
  if (q.groupBy === "user") {
    const users = await new UsersRepository(c.env).byIds([...new Set(docs.map((doc) => doc.userId))]);
    for (const user of users) labels.users.set(user._id, user.displayName);
  }
  const rows = groupUsage(docs, q.groupBy, labels);
  if (q.format === "csv") {
    return c.body(usageCsv(rows, q.groupBy), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="usage-${q.groupBy}-${q.fromDay}-${q.toDay}.csv"`,
    });
  }
  const body: UsageResponse = { from: q.fromDay, to: q.toDay, groupBy: q.groupBy, rows };
  return c.json(body);
});
