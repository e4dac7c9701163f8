import { AreaChart, BarChart } from "@mantine/charts";
import type { UsageGroupBy, UsageRow } from "../../../shared/api/usage.ts";
import { formatUsd } from "./format-usage.ts";

/** Cost over days as an area, cost per app, person or model as bars (the dearest first, at most 12). */
export function UsageChart({ rows, groupBy }: { rows: UsageRow[]; groupBy: UsageGroupBy }) {
  const data = rows.map((row) => ({ label: row.label, costUsd: row.costUsd, calls: row.calls }));
  if (groupBy === "day") {
    return (
      <AreaChart
        h={240}
        data={data}
        dataKey="label"
        series={[{ name: "costUsd", label: "Cost", color: "teal.6" }]}
        valueFormatter={formatUsd}
        curveType="monotone"
        withDots={data.length < 40}
        data-testid="usage-chart"
      />
    );
  }
  const top = data.slice(0, 12);
  return (
    <BarChart
      h={Math.max(160, top.length * 36)}
      data={top}
      dataKey="label"
      orientation="vertical"
      yAxisProps={{ width: 110 }}
      series={[{ name: "costUsd", label: "Cost", color: "teal.6" }]}
      valueFormatter={formatUsd}
      data-testid="usage-chart"
    />
  );
}
