import { useComputedColorScheme, useMantineTheme } from "@mantine/core";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageGroupBy, UsageRow } from "../../../shared/api/usage.ts";
import { formatUsd } from "./format-usage.ts";

/** Cost over days as an area, cost per app, person or model as bars (the dearest first, at most 12). */
export function UsageChart({ rows, groupBy }: { rows: UsageRow[]; groupBy: UsageGroupBy }) {
  const theme = useMantineTheme();
  const dark = useComputedColorScheme("light") === "dark";
  const color = theme.colors.teal[dark ? 4 : 6];
  const axis = { fontSize: 12, fill: dark ? theme.colors.dark[1] : theme.colors.gray[7] };
  const tooltip = {
    formatter: (value: unknown) => [formatUsd(Number(value)), "Cost"] as [string, string],
    contentStyle: { background: dark ? theme.colors.dark[6] : theme.white },
  };
  const data = rows.map((row) => ({ label: row.label, costUsd: row.costUsd }));
  if (groupBy === "day") {
    return (
      <div data-testid="usage-chart" style={{ width: "100%", height: 240 }}>
        <ResponsiveContainer>
          <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={axis} minTickGap={16} />
            <YAxis tick={axis} tickFormatter={formatUsd} width={64} />
            <Tooltip {...tooltip} />
            <Area type="monotone" dataKey="costUsd" stroke={color} fill={color} fillOpacity={0.25} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    );
  }
  const top = data.slice(0, 12);
  return (
    <div data-testid="usage-chart" style={{ width: "100%", height: Math.max(160, top.length * 36) }}>
      <ResponsiveContainer>
        <BarChart data={top} layout="vertical" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={axis} tickFormatter={formatUsd} />
          <YAxis type="category" dataKey="label" tick={axis} width={110} />
          <Tooltip {...tooltip} />
          <Bar dataKey="costUsd" fill={color} radius={[0, 4, 4, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
